/** The plot box of every point view (the data box is [-2, 2]²; the margin shows the noise's tails). */
export const VIEW_BOX = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
/** Times of the preview snapshots: the time slider's stops. */
export const PREVIEW_TIMES = Array.from({ length: 21 }, (_, i) => i / 20);
