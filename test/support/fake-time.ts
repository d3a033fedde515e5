/** A clock that only moves when the client sleeps: deadlines and waits are tested without real waiting. */
export function fakeTime(start = 1_000_000) {
  let now = start;
  const delays: number[] = [];
  return {
    delays,
    now: () => now,
    sleep: async (ms: number) => {
      delays.push(ms);
      now += ms;
    },
  };
}
