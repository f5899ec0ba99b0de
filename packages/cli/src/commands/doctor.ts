/**
 * `credlint doctor` lives in ../doctor/ (owned separately). Loaded by a computed specifier so
 * this package builds and runs whether or not that module exists yet.
 */
import type { Io } from '../types.js';

type RunDoctor = (argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv; cwd: string }) => Promise<number>;

const DOCTOR_MODULE = '../doctor/index.js';

export async function runDoctorCommand(argv: string[], io: Io): Promise<number> {
  let runDoctor: RunDoctor | undefined;
  try {
    const mod = (await import(DOCTOR_MODULE)) as { runDoctor?: RunDoctor };
    runDoctor = mod.runDoctor;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Only a missing doctor module is "not built yet"; a broken one must surface.
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes('doctor')) throw e;
  }
  if (typeof runDoctor !== 'function') {
    io.stderr.write('credlint doctor: not available in this build\n');
    return 2;
  }
  return runDoctor(argv, io);
}
