import path from 'node:path';

/**
 * Folders of the operating system that no fv output belongs in (or under): writing a run, a comparison or a CSV
 * there would scatter files among the system's, and as root could replace one of them.
 */
const SYSTEM_FOLDERS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr'];

/** The system folder that holds `abs` (or is it), else undefined. */
export function systemFolderOf(abs: string): string | undefined {
  return SYSTEM_FOLDERS.find((s) => abs === s || abs.startsWith(s + path.sep));
}
