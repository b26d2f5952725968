/**
 * The third-party licences the About tab lists. scripts/licences.mjs writes them (before every
 * build, check, test and dev server) from the dependency trees (the Rust crates linked into the
 * programs, the npm packages bundled into this UI) and from the assets' own licence files; nothing
 * here is written by hand. The data (over a megabyte) is a chunk of its own, loaded the first time
 * the tab opens, never at start; each distinct licence text is stored once and packages refer to
 * it by index.
 */

export type LicencePackage = {
  name: string;
  version: string;
  /** The licence expression the package states (SPDX for crates and npm packages). */
  licence: string;
  repository?: string;
  /** Indexes into `ThirdParty.texts`: the licence files found in the package. */
  texts: number[];
};

export type LicenceGroup = { id: "rust" | "npm" | "assets"; title: string; packages: LicencePackage[] };

export type ThirdParty = { groups: LicenceGroup[]; texts: string[] };

/** A package as shown: with a key unique in the whole list. */
export type ShownPackage = { key: string; pkg: LicencePackage };

export type ShownGroup = { id: LicenceGroup["id"]; title: string; total: number; packages: ShownPackage[] };

let loading: Promise<ThirdParty> | null = null;

/** The licences, loaded once (a failed load is tried again next time). */
export function loadThirdParty(): Promise<ThirdParty> {
  if (loading === null) {
    loading = import("../generated/third-party.json").then((m) => m.default as ThirdParty);
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** The words of a filter, lower-cased. */
function words(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w !== "");
}

/**
 * The groups with the packages whose name, version or licence holds every word of `query`
 * (whatever the case); every group stays, with its total, even when none of its packages match.
 */
export function filterGroups(data: ThirdParty, query: string): ShownGroup[] {
  const wanted = words(query);
  return data.groups.map((g) => {
    const packages: ShownPackage[] = [];
    g.packages.forEach((pkg, i) => {
      const hay = `${pkg.name} ${pkg.version} ${pkg.licence}`.toLowerCase();
      if (wanted.every((w) => hay.includes(w))) packages.push({ key: `${g.id}/${i}`, pkg });
    });
    return { id: g.id, title: g.title, total: g.packages.length, packages };
  });
}
