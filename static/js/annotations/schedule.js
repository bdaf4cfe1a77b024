// The order of the first paint: the paragraphs the reader sees are painted
// (highlights and margins) before the page is shown; the others follow in
// idle time, nearest first. A busy speech has ~150 paragraphs of which ~10
// fit on a screen, and painting all of them at once held the first paint
// back by 50–80 ms (docs/performance.md, "The reader on a busy speech").
// Pure functions of geometry, tested in tests/js/.

// The range [first, last] of the paragraphs (in document order, one column,
// so their tops grow) that meet the band [top, bottom] of the viewport, by
// binary search: a handful of geometry reads rather than one per paragraph.
// ``boxOf(i)`` gives {top, bottom} relative to the viewport. Null when none
// does (the band is above the first or below the last).
export function visibleRange(count, boxOf, top, bottom) {
  // The first paragraph whose bottom is below the band's top.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxOf(mid).bottom < top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  if (first >= count || boxOf(first).top > bottom) return null;
  // The last paragraph whose top is above the band's bottom.
  lo = first;
  hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boxOf(mid).top > bottom) hi = mid - 1;
    else lo = mid;
  }
  return [first, lo];
}

// The indices left after [first, last]: those below it first (where the
// reader goes next), then those above it, nearest first.
export function restInOrder(count, range) {
  if (range === null) return [...Array(count).keys()];
  const [first, last] = range;
  const order = [];
  for (let i = last + 1; i < count; i++) order.push(i);
  for (let i = first - 1; i >= 0; i--) order.push(i);
  return order;
}

// Runs ``work`` on ``items`` a chunk at a time in the browser's idle time
// (or, where there is no requestIdleCallback, in short tasks), so that
// input and rendering are not held up; ``next()`` gives the items still to
// do, read again before each chunk (others may have done some meanwhile).
// Resolves when none is left; rejects with the error if ``work`` throws (the
// caller shows it, as it would a failure of the first paint, rather than
// waiting for ever on items never done).
export function inIdleChunks(next, work, { chunk = 12, budget = 8 } = {}) {
  const idle =
    typeof requestIdleCallback === "function"
      ? (step) => requestIdleCallback(step, { timeout: 100 })
      : (step) => setTimeout(() => step({ timeRemaining: () => budget, didTimeout: true }), 0);
  return new Promise((resolve, reject) => {
    const step = (deadline) => {
      try {
        let items = next();
        // At least one chunk per call, even past the deadline, so it ends.
        do {
          if (items.length === 0) break;
          work(items.slice(0, chunk));
          items = next();
        } while (deadline.timeRemaining() > 2);
        if (items.length === 0) resolve();
        else idle(step);
      } catch (error) {
        reject(error);
      }
    };
    idle(step);
  });
}
