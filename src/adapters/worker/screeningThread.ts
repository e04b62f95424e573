// A worker thread that screens texts (pipeline/classify/screenText) for ScreeningPool.
// It trains its own classifier when told to, and screens with it under its key.
import { parentPort } from 'node:worker_threads';
import { buildClassifier, type Classifier } from '../../domain/classify/classifier.js';
import { screenText } from '../../pipeline/classify/screenText.js';
import type { ThreadMessage, ThreadReply } from './threadMessages.js';

let trained: { key: string; classifier: Classifier } | null = null;

parentPort!.on('message', (msg: ThreadMessage) => {
  parentPort!.postMessage(msg.kind === 'train' ? train(msg.training) : screen(msg));
});
parentPort!.postMessage('ready' satisfies ThreadReply);

function train(training: Extract<ThreadMessage, { kind: 'train' }>['training']): ThreadReply {
  const started = performance.now();
  try {
    trained = { key: training.key, classifier: buildClassifier(training.config, training.examples) };
    return { kind: 'trained', key: training.key, ms: Math.round(performance.now() - started) };
  } catch (err) {
    trained = null;
    return { kind: 'train-failed', key: training.key, error: (err as Error).stack ?? String(err) };
  }
}

function screen(task: Extract<ThreadMessage, { kind: 'screen' }>): ThreadReply {
  try {
    if (trained?.key !== task.key) throw new Error(`screening thread has no classifier ${task.key}`);
    return { kind: 'screened', id: task.id, result: screenText(trained.classifier, task.subject, task.body) };
  } catch (err) {
    return { kind: 'failed', id: task.id, error: (err as Error).stack ?? String(err) };
  }
}
