// The messages between ScreeningPool and its threads: a training, then screening tasks
// under that training's key.
import type { ScreenedText } from '../../pipeline/classify/screenText.js';
import type { Training } from '../../pipeline/classify/screeningRuntime.js';

export type ThreadMessage = { kind: 'train'; training: Training } | { kind: 'screen'; id: number; key: string; subject: string; body: string };

export type ThreadReply =
  | 'ready'
  | { kind: 'trained'; key: string; ms: number }
  | { kind: 'train-failed'; key: string; error: string }
  | { kind: 'screened'; id: number; result: ScreenedText }
  | { kind: 'failed'; id: number; error: string };
