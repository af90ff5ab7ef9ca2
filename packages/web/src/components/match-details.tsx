import type { WatchlistHit } from '../api/types.ts';

/**
 * How a name matched, word by word (`MOHAMED ≈ MUHAMMAD`), and what the
 * other attributes did to the score: what an officer needs to judge whether
 * the hit is the listed person or a namesake.
 */
export function MatchDetails({ hit }: { hit: WatchlistHit }) {
  if (!hit.tokens?.length && !hit.factors?.length) return null;
  return (
    <div className="match-details small">
      {hit.tokens?.map((t, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens are in name order and never reorder
          key={i}
          className={`token token-${t.how}`}
          title={`${t.how}, similarity ${t.similarity.toFixed(2)}`}
        >
          {t.query ?? '∅'} {t.how === 'exact' ? '=' : t.query && t.listed ? '≈' : '·'} {t.listed ?? '∅'}
        </span>
      ))}
      {hit.factors?.map((f) => (
        <span key={`${f.factor}:${f.detail}`} className="token" title={f.detail}>
          {f.factor} {f.effect >= 0 ? '+' : ''}
          {f.effect.toFixed(2)}
        </span>
      ))}
    </div>
  );
}

/**
 * A table cell's worth of a hit: the name that matched (`strong` sets it in
 * bold), its kind when it is not the primary name (an alias, a former name),
 * and how it matched.
 */
export function MatchedName({ hit, strong }: { hit: WatchlistHit; strong?: boolean }) {
  const { name, type } = hit.matchedName;
  return (
    <>
      {strong ? <strong>{name}</strong> : name}{' '}
      {type && type !== 'primary' ? <span className="tag">{type}</span> : null}
      <MatchDetails hit={hit} />
    </>
  );
}
