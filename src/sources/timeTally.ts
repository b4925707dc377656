/**
 * How the cells of a time column were read (ISO, YYYYMMDD, a year, an epoch unit) and which time
 * zones its ISO cells are written in, with the first line of each: the report says what was
 * assumed, and warns when one column mixes forms or zones.
 */
import { EPOCH_UNIT_NAMES, zoneStyleOf, type TimeForm } from './cells';

interface Seen {
  count: number;
  line: number;
}

const FORM_NAMES: Record<TimeForm, string> = {
  iso: 'ISO dates',
  'compact-date': 'YYYYMMDD dates',
  year: 'bare years (2021 = 2021-01-01)',
  s: `epoch ${EPOCH_UNIT_NAMES.s}`,
  ms: `epoch ${EPOCH_UNIT_NAMES.ms}`,
  us: `epoch ${EPOCH_UNIT_NAMES.us}`,
  ns: `epoch ${EPOCH_UNIT_NAMES.ns}`,
};

const EPOCHS: readonly TimeForm[] = ['s', 'ms', 'us', 'ns'];

function count<K>(map: Map<K, Seen>, key: K, line: number): void {
  const seen = map.get(key);
  if (seen) seen.count++;
  else map.set(key, { count: 1, line });
}

export class TimeTally {
  private readonly forms = new Map<TimeForm, Seen>();
  private readonly zones = new Map<string, Seen>();

  add(text: string, form: TimeForm | null, line: number): void {
    if (form === null) return;
    count(this.forms, form, line);
    if (form === 'iso') {
      const zone = zoneStyleOf(text);
      if (zone !== null) count(this.zones, zone, line);
    }
  }

  notes(header: string): string[] {
    const notes: string[] = [];
    const forms = [...this.forms];
    if (forms.length > 1) {
      const parts = forms.map(([form, s]) => `${s.count} as ${FORM_NAMES[form]} (first at line ${s.line})`);
      notes.push(`the time column "${header}" mixes forms: ${parts.join(', ')}; check the export`);
    } else if (forms.length === 1 && forms[0]![0] !== 'iso') {
      const [form] = forms[0]!;
      const why = EPOCHS.includes(form) ? ' (the only unit that puts them between 1990 and 2100)' : '';
      notes.push(`the time column "${header}" is read as ${FORM_NAMES[form]}${why}`);
    }
    if (this.zones.size > 1) {
      const parts = [...this.zones].map(([zone, s]) => `${s.count} ending in ${zone === 'none' ? 'no zone (read as UTC)' : zone} (first at line ${s.line})`);
      notes.push(`mixed time zones in the times: ${parts.join(', ')}; every time is converted to UTC, check the duplicates and gaps this makes`);
    }
    return notes;
  }
}
