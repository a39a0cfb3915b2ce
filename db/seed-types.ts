import type { OrganizationKind } from "./schema/organizations";
import type { Sector, Skill, Theme } from "../app/modules/organizations/vocabulary";

export type SeedOrganization = {
  /** stable key, used to link network members and demo accounts */
  key: string;
  kind: OrganizationKind;
  name: string;
  nameAr: string;
  /** HCP region code "01".."12" */
  regionCode: string;
  /** HCP province code "RR.PPP" from db/data/provinces.csv, inside that region */
  provinceCode: string;
  city: string;
  foundedYear: number;
  membersCount: number;
  womenLed: boolean;
  themes: Theme[];
  sectors: Sector[];
  /** skills it needs and offers; unset, the seed gives a typical pair for its kind */
  needs?: Skill[];
  offers?: Skill[];
  descriptionFr: string;
  descriptionAr: string;
  /** Moroccan number, e.g. "+212 6 61 23 45 67" (fictional but well-formed) */
  phone?: string;
  phonePublic?: boolean;
  email?: string;
  website?: string;
  identifiers: { type: "ice" | "rc" | "if" | "odco" | "association_receipt"; value: string }[];
  verified: boolean;
  /** for kind "network": keys of member organisations */
  members?: string[];
};
