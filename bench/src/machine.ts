import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Machine } from './results.ts';

/** What the figures were measured on: they mean little without it. */
export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown CPU',
    cores: processors.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    nodeVersion: process.version,
    loadAverage: loadavg(),
  };
}
