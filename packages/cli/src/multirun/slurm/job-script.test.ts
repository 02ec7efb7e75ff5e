import { arrayRanges, jobScript, shq } from './job-script.js';
import { SlurmOptionsSchema } from './options.js';

describe('the job script of a Slurm sweep', () => {
  it('folds array indexes into ranges, as sbatch --array takes them', () => {
    expect(arrayRanges([8, 0, 1, 2, 5, 7])).toBe('0-2,5,7-8');
    expect(arrayRanges([3])).toBe('3');
  });

  it('quotes for sh only what needs it', () => {
    expect(shq('training.seed=1')).toBe('training.seed=1');
    expect(shq('model.hidden_dims=[8,8]')).toBe("'model.hidden_dims=[8,8]'");
    expect(shq("it's")).toBe("'it'\\''s'");
  });

  it('one case per run with its command line and log; options become #SBATCH lines', () => {
    const opts = SlurmOptionsSchema.parse({ partition: 'gpu', mem: '2G', sbatch: ['#SBATCH --gres=gpu:1'], setup: ['module load nodejs/20'] });
    const spec = (k: number) => ({ index: k, argv: ['run', `training.seed=${k + 1}`, `output.dir=/s/multirun/${k}`], outDir: `/s/multirun/${k}`, logFile: `/s/multirun/${k}/run.log`, cwd: '/repo' });
    const script = jobScript({ specs: [spec(1), spec(3)], sweepDir: '/s/multirun', parallel: 2, name: 'fv-s' }, opts, { node: '/usr/bin/node', fvScript: '/repo/fv.js' });
    for (const l of ['--job-name=fv-s', '--array=1,3%2', '--output=/s/multirun/slurm/%A_%a.out', '--partition=gpu', '--mem=2G', '--gres=gpu:1']) expect(script).toContain(`#SBATCH ${l}\n`);
    expect(script).toContain('  3) log=/s/multirun/3/run.log; set -- run training.seed=4 output.dir=/s/multirun/3 ;;\n');
    expect(script).toContain('module load nodejs/20\n');
    expect(script).toContain('cd /repo || exit 3\n');
    expect(script).not.toContain('time=');
  });
});
