// A worker thread that screens texts (pipeline/classify/screenText) for ScreeningPool.
// It trains its own classifier from the inputs it is sent with a task, and keeps it
// until a task names another training.
import { parentPort } from 'node:worker_threads';
import { buildClassifier, type Classifier } from '../../domain/classify/classifier.js';
import { screenText } from '../../pipeline/classify/screenText.js';
import type { ThreadReply, ThreadTask } from './threadMessages.js';

let trained: { key: string; classifier: Classifier } | null = null;

parentPort!.on('message', (task: ThreadTask) => {
  let reply: ThreadReply;
  try {
    if (task.training) trained = { key: task.training.key, classifier: buildClassifier(task.training.config, task.training.examples) };
    if (trained?.key !== task.key) throw new Error(`screening thread has no classifier ${task.key}`);
    reply = { id: task.id, result: screenText(trained.classifier, task.subject, task.body) };
  } catch (err) {
    reply = { id: task.id, error: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage('ready');
