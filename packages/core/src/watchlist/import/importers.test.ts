import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WatchlistError } from '../watchlist-error.ts';
import { parseListDates } from './dates.ts';
import { parseLookoutCsv } from './lookout-csv.ts';
import { parseOfacSdn } from './ofac-sdn.ts';
import { parseUnConsolidated } from './un-consolidated.ts';

test('OFAC legacy CSV: names, aliases, addresses, and facts from the remarks', () => {
  const sdn = [
    '2676,"AL ZAWAHIRI, Dr. Ayman","individual","SDGT] [SDT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19 Jun 1951; alt. DOB 1952; POB Giza, Egypt; nationality Egypt; Passport 1084010 (Egypt); a.k.a. \'DOCTOR\'."',
    '15036,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude Oil Tanker",-0- ,-0- ,"Iran",-0- ,"Vessel Registration Identification IMO 9187629; MMSI 572469210."',
    '\x1a',
  ].join('\n');
  const alt = '2676,1,"aka","AL-ZAWAHIRI, Ayman",-0- \n15036,2,"fka","ABADAN",-0- \n';
  const add = '2676,3,-0- ,"Cairo","Egypt",-0- \n';
  const list = parseOfacSdn({ sdn, alt, add }, { version: '2026-01-01' });
  const [person, vessel] = list.entries;
  assert.equal(person?.kind, 'person');
  assert.deepEqual(person?.birthDates, ['1951-06-19', '1952']);
  assert.deepEqual(person?.nationalities, ['EG']);
  assert.deepEqual(person?.countries, ['EG']);
  assert.deepEqual(person?.identifiers, [{ scheme: 'passport', value: '1084010', country: 'EG' }]);
  assert.deepEqual(
    person?.names.map((n) => [n.name, n.strength, n.type]),
    [
      ['AL ZAWAHIRI, Dr. Ayman', 'strong', 'primary'],
      ['DOCTOR', 'weak', 'aka'],
      ['AL-ZAWAHIRI, Ayman', 'strong', 'aka'],
    ],
  );
  assert.equal(vessel?.kind, 'vessel');
  assert.deepEqual(
    vessel?.identifiers.map((i) => `${i.scheme}:${i.value}`),
    ['call-sign:T2EU4', 'imo:9187629', 'mmsi:572469210'],
  );
});

test('OFAC: a truncated record is an error naming the record', () => {
  assert.throws(
    () => parseOfacSdn({ sdn: '1,"X","individual"\n' }, { version: '1' }),
    (e: unknown) =>
      e instanceof WatchlistError && e.code === 'SIEVE_ERR_WATCHLIST_FORMAT' && /record 1/.test(e.message),
  );
});

test('UN consolidated XML: persons and entities, alias quality, dates and documents', () => {
  const xml = `<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS>
    <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>AIMAN</FIRST_NAME><SECOND_NAME>AL-ZAWAHIRI</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.006</REFERENCE_NUMBER><LISTED_ON>2001-01-25</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>أيمن الظواهري</NAME_ORIGINAL_SCRIPT>
      <NATIONALITY><VALUE>Egypt</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ayman al-Zawahari</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Fatima</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1951-06-19</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1950</FROM_YEAR><TO_YEAR>1951</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>1084010</NUMBER><ISSUING_COUNTRY>Egypt</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL></INDIVIDUALS><ENTITIES>
    <ENTITY><DATAID>2</DATAID><FIRST_NAME>AL-QAIDA</FIRST_NAME><REFERENCE_NUMBER>QDe.004</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>The Base</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY>Afghanistan</COUNTRY></ENTITY_ADDRESS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;
  const list = parseUnConsolidated(xml);
  assert.equal(list.version, '2026-02-27');
  const [p, e] = list.entries;
  assert.equal(p?.id, 'un:QDi.006');
  assert.deepEqual(
    p?.names.map((n) => `${n.type}/${n.strength}:${n.name}`),
    [
      'primary/strong:AIMAN AL-ZAWAHIRI',
      'original/strong:أيمن الظواهري',
      'aka/strong:Ayman al-Zawahari',
      'aka/weak:Abu Fatima',
    ],
  );
  assert.deepEqual(p?.birthDates, ['1951-06-19', '1950', '1951']);
  assert.deepEqual(p?.identifiers, [{ scheme: 'passport', value: '1084010', country: 'EG' }]);
  assert.equal(e?.kind, 'organisation');
  assert.deepEqual(e?.countries, ['AF']);
});

test('UN: a file that is not the consolidated list is refused with what was expected', () => {
  assert.throws(() => parseUnConsolidated('<other/>'), /CONSOLIDATED_LIST/);
});

test('lookout CSV: aliases, weak aliases, identifiers, and every bad row reported at once', () => {
  const ok = parseLookoutCsv(
    'id,kind,name,aliases,birth_date,nationality,identifiers,valid_until\nL-1,person,Ivan Petrov,Ivan Petroff|~Vanya,1970-05-12,Russia,passport:712345678,2027-01-10\n',
    { listId: 'kr', version: '1' },
  );
  assert.deepEqual(
    ok.entries[0]?.names.map((n) => n.strength),
    ['strong', 'strong', 'weak'],
  );
  assert.deepEqual(ok.entries[0]?.nationalities, ['RU']);
  assert.equal(ok.entries[0]?.validUntil, '2027-01-10');
  assert.throws(
    () =>
      parseLookoutCsv('id,kind,name,nationality\nA,robot,X,\nB,person,,\nC,person,Y,Atlantis\n', {
        listId: 'kr',
        version: '1',
      }),
    (e: unknown) =>
      e instanceof WatchlistError &&
      /line 2, column kind/.test(e.message) &&
      /line 3, column name/.test(e.message) &&
      /line 4, column nationality/.test(e.message),
  );
});

test('list dates: full, partial, ranges and day-first', () => {
  assert.deepEqual(parseListDates('10 Dec 1948'), ['1948-12-10']);
  assert.deepEqual(parseListDates('circa 1960'), ['1960']);
  assert.deepEqual(parseListDates('1960 to 1962'), ['1960', '1961', '1962']);
  assert.deepEqual(parseListDates('Dec 1948'), ['1948-12']);
  assert.deepEqual(parseListDates('05/06/1970'), ['1970-06-05']);
  assert.deepEqual(parseListDates('sometime'), []);
});
