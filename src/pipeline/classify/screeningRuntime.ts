// The configuration and labelled examples a worker screens with. Reloaded when the
// stored versions change (an admin edit or a staff correction in any process); the
// versions are read at most every `refreshMs`, so a busy worker does not ask per mail.
// The classifier itself is trained in the screening threads, never on the event loop:
// training on a few thousand examples takes seconds.
import type { Logger } from 'pino';
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import type { ScreeningSource, Versions } from './ports.js';

/** What a classifier is trained from, with a key that changes when either part does. */
export interface Training {
  key: string;
  config: ScreeningConfig;
  examples: LabelledText[];
}

export class ScreeningRuntime {
  private cached: { versions: Versions; training: Training } | null = null;
  private checkedAt = 0;
  private loading: Promise<Training> | null = null;

  constructor(
    private readonly source: ScreeningSource,
    private readonly log: Logger,
    private readonly refreshMs = 2000,
  ) {}

  /** The current configuration and examples, with the key the screening threads train by. */
  async training(): Promise<Training> {
    if (this.cached && Date.now() - this.checkedAt < this.refreshMs) return this.cached.training;
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  async config(): Promise<ScreeningConfig> {
    return (await this.training()).config;
  }

  /** Makes the next call reload (after a change made by this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<Training> {
    const versions = await this.source.versions();
    this.checkedAt = Date.now();
    if (this.cached && this.cached.versions.config === versions.config && this.cached.versions.examples === versions.examples) return this.cached.training;
    const [config, examples] = await Promise.all([this.source.config(), this.source.examples()]);
    const training = { key: `${versions.config}/${versions.examples}`, config, examples };
    this.cached = { versions, training };
    this.log.info({ event: 'screening.loaded', examples: examples.length, configVersion: versions.config, examplesVersion: versions.examples }, 'screening configuration and examples loaded');
    return training;
  }
}
