export function workerCount(env?: Record<string, string | undefined>, cores?: number): number;
