/** The terminal text of a segment as `show --screen` prints it. */
import { terminalText } from '../term/plain-text.js';
import { outputOf, type SegmentView } from './segment-view.js';

/** What `show` prints for a segment: the text rendered at bind time, else the output stripped here. */
export function segmentText(view: SegmentView): string {
  return view.screen ?? terminalText(outputOf(view));
}
