import { MlpEngineModel } from './engine-model.js';
import { saveMlp } from './store.js';

/** The VelocityModel port over the MlpEngine, saved as a model folder (model.json + weights.bin; Node). */
export class MlpVelocityModel extends MlpEngineModel {
  override async save(dir: string): Promise<void> {
    await saveMlp(dir, this.spec, this.backend, await this.engine.readState());
  }
}
