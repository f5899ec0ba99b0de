/**
 * `credlint doctor`: loaded lazily (it pulls in the shared-config readers, and the AWS SDK for --online),
 * so `scan` and the commit hook never pay for it.
 */
import type { Io } from '../types.js';

export async function runDoctorCommand(argv: string[], io: Io): Promise<number> {
  const { runDoctor } = await import('../doctor/index.js');
  return runDoctor(argv, io);
}
