/**
 * The few browser globals the backends' probes read, typed here because this package compiles without the DOM
 * library (its main entry is for Node). Each is absent (undefined) where the browser lacks it.
 */
export interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
export interface GpuAdapter {
  info?: GpuAdapterInfo;
  isFallbackAdapter?: boolean;
}
export interface WebGl2 {
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
  RENDERER: number;
}
interface CanvasLike {
  getContext(kind: 'webgl2', attributes?: Record<string, unknown>): WebGl2 | null;
}

export interface WebGlobals {
  navigator?: { gpu?: { requestAdapter(o?: Record<string, unknown>): Promise<GpuAdapter | null> }; hardwareConcurrency?: number };
  isSecureContext?: boolean;
  crossOriginIsolated?: boolean;
  OffscreenCanvas?: new (w: number, h: number) => CanvasLike;
  document?: { createElement(tag: 'canvas'): CanvasLike };
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; statusText: string }>;
  location?: { href: string };
}

export const web = (): WebGlobals => globalThis as unknown as WebGlobals;

/** Whether a GPU's name says it is a software renderer (Chromium's SwiftShader, Mesa's llvmpipe, Microsoft's WARP). */
export const isSoftwareGpu = (name: string): boolean => /swiftshader|llvmpipe|softpipe|basic render|microsoft basic|warp/i.test(name);
