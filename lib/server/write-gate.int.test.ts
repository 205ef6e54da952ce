// The write gate: at most LUOSHI_WRITE_CONCURRENCY writes at once, the rest in arrival order, a slot freed even
// when a write fails.
import { describe, expect, it } from "vitest";
import { inWriteSlot, withReadPriority, writeSlotsInUse } from "./write-gate";

describe("write slots", () => {
  it("run four at a time in arrival order, and a failed write frees its slot", async () => {
    const previous = process.env.LUOSHI_WRITE_CONCURRENCY;
    process.env.LUOSHI_WRITE_CONCURRENCY = "4";
    try {
      let running = 0;
      let most = 0;
      const started: number[] = [];
      const release: (() => void)[] = [];
      const writes = Array.from({ length: 10 }, (_, n) =>
        inWriteSlot(async () => {
          started.push(n);
          running++;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => release.push(resolve));
          running--;
          if (n === 2) throw new Error("refused");
          return n;
        }).catch((error: Error) => error.message),
      );
      for (let round = 0; round < 10; round++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(running).toBeLessThanOrEqual(4);
        release.shift()?.();
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      while (release.length) release.shift()!();
      expect(await Promise.all(writes)).toEqual([0, 1, "refused", 3, 4, 5, 6, 7, 8, 9]);
      expect(most).toBe(4);
      expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(writeSlotsInUse()).toEqual({ active: 0, waiting: 0, reading: 0 });
    } finally {
      if (previous === undefined) delete process.env.LUOSHI_WRITE_CONCURRENCY;
      else process.env.LUOSHI_WRITE_CONCURRENCY = previous;
    }
  });

  it("go one at a time while a read with priority runs, and four again when it ends", async () => {
    const previous = process.env.LUOSHI_WRITE_CONCURRENCY;
    process.env.LUOSHI_WRITE_CONCURRENCY = "4";
    try {
      let endRead!: () => void;
      const read = withReadPriority(() => new Promise<void>((resolve) => (endRead = resolve)));
      let running = 0;
      let most = 0;
      const release: (() => void)[] = [];
      const writes = Array.from({ length: 6 }, () =>
        inWriteSlot(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => release.push(resolve));
          running--;
        }),
      );
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
      await tick();
      expect(writeSlotsInUse()).toEqual({ active: 1, waiting: 5, reading: 1 });
      release.shift()!();
      await tick();
      expect(running).toBe(1); // the next one, still alone
      endRead();
      await read;
      await tick();
      expect(writeSlotsInUse()).toEqual({ active: 4, waiting: 1, reading: 0 });
      while (release.length || running) {
        release.shift()?.();
        await tick();
      }
      await Promise.all(writes);
      expect(most).toBe(4);
      expect(writeSlotsInUse()).toEqual({ active: 0, waiting: 0, reading: 0 });
    } finally {
      if (previous === undefined) delete process.env.LUOSHI_WRITE_CONCURRENCY;
      else process.env.LUOSHI_WRITE_CONCURRENCY = previous;
    }
  });
});
