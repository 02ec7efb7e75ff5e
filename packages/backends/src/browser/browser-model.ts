import type { MlpState } from '../model/state.js';
import { MlpEngineModel } from '../model/engine-model.js';

/** MlpEngineModel (the CLI's model with no storage) whose training state can be read out, for the page to export. */
export class BrowserMlpModel extends MlpEngineModel {
  override readState(): Promise<MlpState> {
    return this.engine.readState();
  }
}
