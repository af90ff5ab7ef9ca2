import type { BillOfLading, CargoReport, Declaration } from '@sieve/core';

interface Entry {
  report: CargoReport;
  bill: BillOfLading;
}

/**
 * Finds the cargo report a declaration's goods arrived on, through the
 * transport documents it cites (bill of lading, house bill, air waybill
 * numbers). The report handed to the rules holds only the matching bill (a
 * house bill is merged over its master bill), so `any bill in cargo.bills`
 * tests the declaration's own consignment, not its neighbours'.
 *
 * @example const cargo = new CargoIndex(); cargo.add(report); score(d, snapshot, { cargo: cargo.find(d) });
 */
export class CargoIndex {
  private readonly byNumber = new Map<string, Entry>();

  get size(): number {
    return this.byNumber.size;
  }

  /** Indexes a report's bills and house bills; a later version of a report replaces an earlier one. */
  add(report: CargoReport): void {
    for (const bill of report.bills) {
      this.put(bill.number, report, bill);
      for (const house of bill.houseConsignments ?? []) {
        this.put(house.number, report, mergeHouse(bill, house));
      }
    }
  }

  /** The cargo report restricted to the declaration's consignment, or undefined when none is known. */
  find(d: Declaration): CargoReport | undefined {
    for (const doc of d.documents ?? []) {
      const e = this.byNumber.get(doc.reference);
      if (e) return { ...e.report, bills: [e.bill] };
    }
    return undefined;
  }

  private put(number: string, report: CargoReport, bill: BillOfLading): void {
    const known = this.byNumber.get(number);
    if (known && known.report.id === report.id && known.report.version > report.version) return;
    this.byNumber.set(number, { report, bill });
  }
}

/** A house bill as a bill of its own: its fields over the master bill's (containers, ports). */
function mergeHouse(
  master: BillOfLading,
  house: NonNullable<BillOfLading['houseConsignments']>[number],
): BillOfLading {
  const merged: Record<string, unknown> = { ...master };
  delete merged.houseConsignments;
  for (const [k, v] of Object.entries(house)) if (v !== undefined) merged[k] = v;
  return merged as BillOfLading;
}
