/**
 * Ctrl-C during a Slurm sweep: the runs are not this process's children, so stopping the sweep does not stop them.
 * launcher_options.on_interrupt says what to do; `ask` asks at a terminal (and cancels where there is none to ask).
 */
import { createInterface } from 'node:readline';

export type InterruptChoice = 'cancel' | 'leave';

/** What the user chose; `force` (a second Ctrl-C while asking) means cancel. */
export async function chooseOnInterrupt(
  mode: 'ask' | 'cancel' | 'leave',
  question: string,
  force: AbortSignal,
  log: (m: string) => void,
): Promise<InterruptChoice> {
  if (mode !== 'ask') return mode;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    log('  No terminal to ask on: cancelling (launcher_options.on_interrupt=leave leaves the array running instead).');
    return 'cancel';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await new Promise<InterruptChoice>((resolve) => {
      const onForce = () => resolve('cancel');
      force.addEventListener('abort', onForce, { once: true });
      rl.on('SIGINT', () => resolve('cancel'));
      rl.question(`${question} [Y/n] `, (a) => {
        force.removeEventListener('abort', onForce);
        resolve(/^\s*n/i.test(a) ? 'leave' : 'cancel');
      });
    });
  } finally {
    rl.close();
  }
}
