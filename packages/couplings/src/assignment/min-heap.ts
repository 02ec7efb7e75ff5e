/** A binary min-heap over parallel typed arrays (keys, values), for the sparse shortest-path search of augmenting-paths.ts. */

/** Inserts (key, val) into the binary min-heap hd/hj of size hs (room assumed); returns the new size. */
export function heapPush(hd: Float64Array, hj: Int32Array, hs: number, key: number, val: number): number {
  let p = hs;
  while (p > 0) {
    const up = (p - 1) >> 1;
    if (hd[up] <= key) break;
    hd[p] = hd[up];
    hj[p] = hj[up];
    p = up;
  }
  hd[p] = key;
  hj[p] = val;
  return hs + 1;
}

/** Removes the least entry of the binary min-heap hd/hj of size hs; returns the new size. */
export function heapPop(hd: Float64Array, hj: Int32Array, hs: number): number {
  hs--;
  const kd = hd[hs], kj = hj[hs];
  let p = 0;
  for (;;) {
    let ch = 2 * p + 1;
    if (ch >= hs) break;
    if (ch + 1 < hs && hd[ch + 1] < hd[ch]) ch++;
    if (hd[ch] >= kd) break;
    hd[p] = hd[ch];
    hj[p] = hj[ch];
    p = ch;
  }
  hd[p] = kd;
  hj[p] = kj;
  return hs;
}
