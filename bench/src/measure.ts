import type { LoadGenerator } from './load-generator.ts';
import type { LoadResult } from './load-result.ts';
import { median } from './stats.ts';

export interface LoadPlan {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

/** One Newsroom run and the baseline run right after it. */
export interface Round {
  newsroom: LoadResult;
  baseline: LoadResult;
  /** Newsroom's req/s as a share of the baseline's in this round. */
  ratio: number;
}

export interface Comparison {
  rounds: Round[];
  /** Medians over the rounds. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  baselineRequestsPerSecond: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  /** The median of the rounds' ratios (not the ratio of the medians). */
  ratio: number;
  /** Over all of Newsroom's rounds. */
  non2xx: number;
  socketErrors: number;
}

/**
 * Newsroom against its baseline, alternating A B A B … so that whatever else the (shared,
 * noisy) machine does in the meantime weighs on both sides alike. Newsroom is warmed up first
 * (JIT, caches, connections to its API); the baseline is warmed once when started.
 */
export async function compareWithBaseline(
  generator: LoadGenerator,
  newsroomUrl: string,
  baselineUrl: string,
  plan: LoadPlan,
): Promise<Comparison> {
  if (plan.warmupSeconds > 0) await generator.run(newsroomUrl, plan.warmupSeconds, plan.connections);
  const rounds: Round[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    const newsroom = await generator.run(newsroomUrl, plan.seconds, plan.connections);
    const baseline = await generator.run(baselineUrl, plan.seconds, plan.connections);
    rounds.push({ newsroom, baseline, ratio: newsroom.requestsPerSecond / baseline.requestsPerSecond });
  }
  return summarize(rounds);
}

export function summarize(rounds: Round[]): Comparison {
  const of = (pick: (round: Round) => number) => median(rounds.map(pick));
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  return {
    rounds,
    requestsPerSecond: of((r) => r.newsroom.requestsPerSecond),
    p50Ms: of((r) => r.newsroom.p50Ms),
    p99Ms: of((r) => r.newsroom.p99Ms),
    baselineRequestsPerSecond: of((r) => r.baseline.requestsPerSecond),
    baselineP50Ms: of((r) => r.baseline.p50Ms),
    baselineP99Ms: of((r) => r.baseline.p99Ms),
    ratio: of((r) => r.ratio),
    non2xx: sum((r) => r.newsroom.non2xx),
    socketErrors: sum((r) => r.newsroom.socketErrors),
  };
}
