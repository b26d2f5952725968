/**
 * The destinations as Settings edits them: the list as the core keeps it, adding one (the core
 * checks it and answers where its secret went), removing one, and each one's last connection
 * test (in words, ok or the problem). Changes go to the core at once, like the dictionary's.
 */
import type { ConnectionReport, Destination, NewDestination, Platform } from "../platform/types";
import { AppError } from "../platform/errors";

export class Destinations {
  list = $state.raw<Destination[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** The last test of each destination, by name (`null` while it runs). */
  reports = $state.raw<ReadonlyMap<string, ConnectionReport | null>>(new Map());

  constructor(private readonly platform: Platform) {}

  async load(): Promise<void> {
    try {
      this.list = await this.platform.listDestinations();
      this.loadError = null;
    } catch (err) {
      this.loadError = `The destinations could not be read: ${AppError.from(err, "list_destinations").message}`;
    } finally {
      this.loaded = true;
    }
  }

  /** Adds a destination; resolves to it, or to the core's refusal in words. */
  async add(destination: NewDestination): Promise<{ added: Destination } | { error: string }> {
    try {
      const added = await this.platform.addDestination(destination);
      this.list = [...this.list.filter((d) => d.name !== added.name), added];
      return { added };
    } catch (err) {
      return { error: AppError.from(err, "add_destination").message };
    }
  }

  /** Removes a destination; resolves to the core's refusal in words, or null. */
  async remove(name: string): Promise<string | null> {
    try {
      await this.platform.removeDestination(name);
      this.list = this.list.filter((d) => d.name !== name);
      this.setReport(name, undefined);
      return null;
    } catch (err) {
      return AppError.from(err, "remove_destination").message;
    }
  }

  /** Tests a destination's connection (with the secret asked for when none is kept). */
  async test(name: string, secret: string | null): Promise<ConnectionReport> {
    this.setReport(name, null);
    let report: ConnectionReport;
    try {
      report = await this.platform.testDestination(name, secret);
    } catch (err) {
      report = { ok: false, message: AppError.from(err, "test_destination").message };
    }
    this.setReport(name, report);
    return report;
  }

  private setReport(name: string, report: ConnectionReport | null | undefined): void {
    const next = new Map(this.reports);
    if (report === undefined) next.delete(name);
    else next.set(name, report);
    this.reports = next;
  }
}
