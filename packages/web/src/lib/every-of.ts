/**
 * A list of values that must name every member of the union `U`, in the
 * order given. The workbench keeps its own copies of value lists the server
 * and the core define (lanes, rule categories, roles): importing those values
 * would bundle server code into the browser, but their types cost nothing.
 * Checked against the type, a copy that falls behind fails the type check
 * (naming what is missing) rather than leaving a choice out of a select.
 *
 * @example export const LANES = everyOf<Lane>()(['red', 'yellow', 'blue', 'green']);
 */
export function everyOf<U extends string>() {
  return <const L extends readonly U[]>(
    list: L & ([Exclude<U, L[number]>] extends [never] ? unknown : { missing: Exclude<U, L[number]> }),
  ): L => list;
}
