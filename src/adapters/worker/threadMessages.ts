// The messages between ScreeningPool and its threads.
import type { ScreenedText } from '../../pipeline/classify/screenText.js';
import type { Training } from '../../pipeline/classify/screeningRuntime.js';

export interface ThreadTask {
  id: number;
  /** The training the task is screened with. */
  key: string;
  /** Sent when the thread has not trained this key yet. */
  training?: Training;
  subject: string;
  body: string;
}

export type ThreadReply = { id: number; result: ScreenedText } | { id: number; error: string };
