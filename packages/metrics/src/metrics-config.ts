import { z } from 'zod';

/**
 * A metrics port from the environment: unset (or empty) leaves metrics off, 0 lets the system
 * choose one (tests).
 */
export const MetricsPortSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.coerce.number().int().min(0).max(65_535).optional(),
);

/** Where the metrics port listens: this machine only unless the operator opens it. */
export const MetricsHostSchema = z.string().min(1).default('127.0.0.1');
