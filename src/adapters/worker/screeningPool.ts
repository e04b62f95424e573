// Screening in a few worker threads, so that a mail whose screening is slow cannot stop
// IMAP, HTTP and the other jobs. A task that runs past the time limit has its thread
// stopped (terminate() interrupts running JavaScript) and replaced, and is rejected with
// ScreeningTimeout; tasks beyond the threads' number wait their turn. Each thread trains
// its classifier before it takes a task of that training: the limit is what one mail may
// cost, and training, which takes seconds and more on a busy machine, is no mail's cost.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScreeningTimeout, type TextScreener } from '../../pipeline/classify/ports.js';
import type { ScreenedText } from '../../pipeline/classify/screenText.js';
import type { Training } from '../../pipeline/classify/screeningRuntime.js';
import type { ThreadMessage, ThreadReply } from './threadMessages.js';

// The thread registers tsx's loader before it imports its TypeScript entry, however the
// app itself was started (the tsx command, node --import tsx, a test runner's loader).
const TSX_API = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const ENTRY = new URL('./screeningThread.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;

interface Task {
  training: Training;
  subject: string;
  body: string;
  resolve: (r: ScreenedText) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Its sources are loaded: the time limit counts from here, not from the thread's start. */
  ready: boolean;
  trainedKey: string | null;
  /** The training the thread is busy with: it takes no task until it is done. */
  trainingKey: string | null;
  running: { id: number; task: Task; timer: NodeJS.Timeout } | null;
}

export class ScreeningPool implements TextScreener {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** The training idle threads get ready for before any task asks for it. */
  private expected: Training | null = null;

  constructor(
    size: number,
    readonly limitMs: number,
    private readonly onTrained: (key: string, ms: number) => void = () => {},
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  screen(training: Training, subject: string, body: string): Promise<ScreenedText> {
    if (this.closed) return Promise.reject(new Error('the screening threads are stopped'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ training, subject, body, resolve, reject });
      this.dispatch();
    });
  }

  /** Trains the threads ahead of the first mail, so that it does not wait for the training. */
  prepare(training: Training): void {
    this.expected = training;
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new Error('the screening threads are stopped'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { eval: true });
    const slot: Slot = { worker, ready: false, trainedKey: null, trainingKey: null, running: null };
    worker.on('message', (reply: ThreadReply) => {
      if (reply === 'ready') slot.ready = true;
      else if (reply.kind === 'trained') {
        slot.trainingKey = null;
        slot.trainedKey = reply.key;
        this.onTrained(reply.key, reply.ms);
      } else if (reply.kind === 'train-failed') {
        slot.trainingKey = null;
        slot.trainedKey = null;
        this.rejectWaiting(reply.key, new Error(`training the classifier failed in its thread: ${reply.error}`));
      } else {
        const run = slot.running;
        if (!run || run.id !== reply.id) return;
        clearTimeout(run.timer);
        slot.running = null;
        if (reply.kind === 'screened') run.task.resolve(reply.result);
        else run.task.reject(new Error(`screening failed in its thread: ${reply.error}`));
      }
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash in the runtime) takes its task with it.
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, new Error(`screening thread exited with code ${code}`));
    });
    return slot;
  }

  private replace(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const run = slot.running;
    slot.running = null;
    if (run) {
      clearTimeout(run.timer);
      run.task.reject(err);
    }
    // A thread that dies while training would die again on the same training: its tasks
    // fail now, and their jobs retry later.
    if (slot.trainingKey) this.rejectWaiting(slot.trainingKey, err);
    this.slots.splice(i, 1);
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots.push(this.spawn());
    this.dispatch();
  }

  private rejectWaiting(key: string, err: Error): void {
    for (const task of this.waiting.filter((t) => t.training.key === key)) {
      this.waiting.splice(this.waiting.indexOf(task), 1);
      task.reject(err);
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running || slot.trainingKey) continue;
      const task = this.waiting[0];
      const wanted = task?.training ?? this.expected;
      if (!wanted) return;
      if (slot.trainedKey !== wanted.key) {
        slot.trainingKey = wanted.key;
        slot.worker.postMessage({ kind: 'train', training: wanted } satisfies ThreadMessage);
        continue;
      }
      if (!task) continue;
      this.waiting.shift();
      const id = this.nextId++;
      const timer = setTimeout(() => this.replace(slot, new ScreeningTimeout(this.limitMs)), this.limitMs);
      slot.running = { id, task, timer };
      slot.worker.postMessage({ kind: 'screen', id, key: task.training.key, subject: task.subject, body: task.body } satisfies ThreadMessage);
    }
  }
}
