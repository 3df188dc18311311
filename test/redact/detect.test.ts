import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { insideMarker } from '../../src/redact/detect.js';

describe('insideMarker', () => {
  it('answers as a scan of every marker does (property)', () => {
    // Ordered, non-overlapping spans, as a regex's matches over one text are.
    const spans = fc.array(fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 20 })), { maxLength: 30 }).map((gaps) => {
      let at = 0;
      return gaps.map(([gap, len]): [number, number] => {
        const start = at + gap;
        at = start + len;
        return [start, at];
      });
    });
    fc.assert(
      fc.property(spans, fc.nat(700), fc.nat(40), (markers, start, len) => {
        const naive = markers.some(([a, b]) => start >= a && start + len <= b);
        assert.equal(insideMarker(markers, start, start + len), naive);
      }),
      { numRuns: 2000 },
    );
  });

  it('edges: a hit exactly a marker is inside; one past its end or before its start is not', () => {
    const markers: [number, number][] = [[5, 10], [10, 20]];
    assert.equal(insideMarker(markers, 5, 10), true);
    assert.equal(insideMarker(markers, 10, 20), true);
    assert.equal(insideMarker(markers, 9, 11), false);
    assert.equal(insideMarker(markers, 4, 6), false);
    assert.equal(insideMarker([], 0, 1), false);
  });
});
