import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** How this system opens a URL in its browser: $BROWSER, else open (macOS), start (Windows), xdg-open (Linux…). */
export function browserCommand(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } | undefined {
  const fromEnv = env.BROWSER?.split(':').map((b) => b.trim()).find((b) => b && onPath(b, env));
  if (fromEnv) return { command: fromEnv, args: [] };
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  for (const c of ['xdg-open', 'gio', 'sensible-browser', 'x-www-browser']) {
    if (onPath(c, env)) return c === 'gio' ? { command: c, args: ['open'] } : { command: c, args: [] };
  }
  return undefined;
}

/**
 * Opens `url` in the system browser, detached (fv studio keeps serving whatever the browser does). Resolves to
 * what to tell the user: which command opened it, or why none could.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const how = browserCommand(env);
  if (!how) return Promise.resolve(`No system browser found to open it (no $BROWSER, xdg-open or similar on PATH): open ${url} yourself.`);
  return new Promise((resolve) => {
    const child = spawn(how.command, [...how.args, url], { detached: true, stdio: 'ignore', env });
    child.once('error', (e) => resolve(`Could not start ${how.command} (${e.message}): open ${url} yourself.`));
    child.once('spawn', () => {
      child.unref();
      resolve(`Opened it with ${path.basename(how.command)}.`);
    });
  });
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = path.isAbsolute(command) ? [''] : (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((d) => {
    try {
      accessSync(d ? path.join(d, command) : command, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
