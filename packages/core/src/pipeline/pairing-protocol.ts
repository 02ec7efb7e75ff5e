/** Messages between the training thread and a pairing worker. */
export interface PairRequest {
  id: number;
  x0: Float32Array;
  x1: Float32Array;
  /** The pairing's random stream: createRng(seed, label), the same on either thread. */
  seed: number;
  label: string;
}

export interface PairReply {
  id: number;
  out?: Float32Array;
  error?: { code?: string; message: string; hint?: string };
}
