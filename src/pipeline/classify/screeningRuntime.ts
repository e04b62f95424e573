// The configuration and trained classifier a worker screens with. Retrained when the
// stored versions change (an admin edit or a staff correction in any process); the
// versions are read at most every `refreshMs`, so a busy worker does not ask per mail.
import type { Logger } from 'pino';
import { buildClassifier, type Classifier, type LabelledText } from '../../domain/classify/classifier.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import type { ScreeningSource, Versions } from './ports.js';

/** What a classifier is trained from, with a key that changes when either part does. */
export interface Training {
  key: string;
  config: ScreeningConfig;
  examples: LabelledText[];
}

export class ScreeningRuntime {
  private cached: { versions: Versions; classifier: Classifier; training: Training } | null = null;
  private checkedAt = 0;
  private loading: Promise<Classifier> | null = null;

  constructor(
    private readonly source: ScreeningSource,
    private readonly log: Logger,
    private readonly refreshMs = 2000,
  ) {}

  async classifier(): Promise<Classifier> {
    if (this.cached && Date.now() - this.checkedAt < this.refreshMs) return this.cached.classifier;
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  async config(): Promise<ScreeningConfig> {
    return (await this.classifier()).config;
  }

  /** The inputs of the current classifier, for a worker thread that trains its own copy. */
  async training(): Promise<Training> {
    await this.classifier();
    return this.cached!.training;
  }

  /** Makes the next call reload (after a change made by this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<Classifier> {
    const versions = await this.source.versions();
    this.checkedAt = Date.now();
    if (this.cached && this.cached.versions.config === versions.config && this.cached.versions.examples === versions.examples) return this.cached.classifier;
    const started = performance.now();
    const [config, examples] = await Promise.all([this.source.config(), this.source.examples()]);
    const classifier = buildClassifier(config, examples);
    this.cached = { versions, classifier, training: { key: `${versions.config}/${versions.examples}`, config, examples } };
    this.log.info({ event: 'classifier.trained', examples: examples.length, configVersion: versions.config, examplesVersion: versions.examples, ms: Math.round(performance.now() - started) }, 'classifier trained');
    return classifier;
  }
}
