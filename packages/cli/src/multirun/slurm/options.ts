/** The slurm launcher's options: the config's `launcher_options:` map, checked here (`fv list launchers` shows it). */
import { z } from 'zod';

/** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS (sbatch --time). */
const SLURM_TIME = /^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+|\d+-\d+:\d{2}|\d+-\d+:\d{2}:\d{2})$/;

export const SlurmOptionsSchema = z
  .strictObject({
    partition: z.string().regex(/^[\w.-]+$/, 'a partition name (letters, digits, . _ -)').optional().describe("Partition to submit to (sbatch --partition); default: the cluster's default one."),
    time: z.string().regex(SLURM_TIME, 'a Slurm time: minutes, HH:MM:SS or D-HH:MM:SS').optional().describe('Time limit of each run (sbatch --time), e.g. "00:30:00"; default: the partition\'s.'),
    cpus_per_task: z.number().int().positive().default(1).describe('CPUs of each run (sbatch --cpus-per-task).'),
    mem: z.string().regex(/^\d+[KMGT]?$/, 'a size such as 2G or 500M').optional().describe('Memory of each run (sbatch --mem), e.g. "2G"; default: the cluster\'s.'),
    array_parallelism: z.number().int().positive().optional().describe('Runs at once: the array\'s %N (--jobs N sets it too); default: as many as Slurm gives.'),
    sbatch: z.array(z.string().min(1)).default([]).describe('Extra #SBATCH lines, e.g. ["--account=proj1", "--gres=gpu:1"].'),
    setup: z.array(z.string()).default([]).describe('Shell lines each task runs before fv, e.g. ["module load nodejs/20"].'),
    node: z.string().min(1).optional().describe('The node binary on the compute nodes; default: the one running this fv (a shared file system shows it there).'),
    poll_seconds: z.number().positive().default(5).describe('How often squeue is asked about the array.'),
    marker_timeout: z.number().positive().default(60).describe('Seconds a task may run, or have ended, without its marker showing in the sweep folder before that folder is taken as not shared with the nodes.'),
    on_interrupt: z.enum(['ask', 'cancel', 'leave']).default('ask').describe('Ctrl-C: ask (cancel without a terminal), cancel the array (running runs write checkpoints), or leave it running.'),
  })
  .describe('fv run -m --launcher slurm');

export type SlurmOptions = z.output<typeof SlurmOptionsSchema>;
