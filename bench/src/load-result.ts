/** What one load run found, whichever tool made the load. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers completed during the run. */
  requests: number;
  /** Answers whose status was not 2xx or 3xx. */
  non2xx: number;
  /** Connections refused, reset or timed out. */
  socketErrors: number;
}
