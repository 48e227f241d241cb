// Tag names for the page: only tags this principal's catalog lists, only where the path really occurs.
import { describe, expect, it } from 'vitest';
import { tagNames } from '../../ui/tag-names.ts';
import type { SourceDescription } from '../../connectors/connector.ts';

const source: SourceDescription = {
  name: 'historian',
  dialect: 'duckdb',
  tables: [],
  tags: [
    { id: 1, name: 'BPS03/Header/DischargePressure', description: 'BPS03 discharge header pressure', unit: 'bar' },
    { id: 2, name: 'BPS03/P01/Running', description: 'BPS03 pump P01 running' },
    { id: 3, name: 'BPS03/P01/RunningHours', description: 'BPS03 pump P01 run hours' },
    { id: 4, name: 'T1/Level' },
  ],
};

describe('tagNames', () => {
  it('names the tags in the text and the rows, not a longer path that merely starts with one', () => {
    expect(
      tagNames(
        [source],
        ['BPS03/Header/DischargePressure (BPS03 discharge header pressure), yesterday: maximum 5.043 bar.'],
        [['BPS03/P01/RunningHours', 12.5]],
      ),
    ).toEqual({
      'BPS03/Header/DischargePressure': 'BPS03 discharge header pressure',
      'BPS03/P01/RunningHours': 'BPS03 pump P01 run hours',
    });
  });

  it('names nothing the catalog does not list (a tag hidden from this principal keeps its path) and invents no names', () => {
    expect(tagNames([{ ...source, tags: [] }], ['BPS03/Header/DischargePressure was 5 bar'])).toEqual({});
    expect(tagNames([source], ['T1/Level is 3.2 m'])).toEqual({});
  });
});
