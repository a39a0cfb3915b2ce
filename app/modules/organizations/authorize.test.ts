import { describe, expect, it } from "vitest";
import { can, type OrgAction } from "./authorize.server";

const person = { id: "u1", platformRole: null };
const admin = { id: "a1", platformRole: "admin" as const };
const operator = { id: "o1", platformRole: "operator" as const };

// Every organisation action × every role in the organisation, as the product decides it.
const table: Record<OrgAction, { owner: boolean; admin: boolean; member: boolean; none: boolean; platformAdmin: boolean }> = {
  "org.edit": { owner: true, admin: true, member: false, none: false, platformAdmin: true },
  "org.identifiers.manage": { owner: true, admin: true, member: false, none: false, platformAdmin: true },
  "org.bank.view": { owner: true, admin: false, member: false, none: false, platformAdmin: true },
  "org.bank.edit": { owner: true, admin: false, member: false, none: false, platformAdmin: false },
  "org.members.view": { owner: true, admin: true, member: true, none: false, platformAdmin: true },
  "org.members.invite": { owner: true, admin: false, member: false, none: false, platformAdmin: true },
  "org.members.manage": { owner: true, admin: false, member: false, none: false, platformAdmin: true },
  "org.network.manage": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
  "org.catalog.manage": { owner: true, admin: true, member: true, none: false, platformAdmin: false },
  "org.contacts.block": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
  "org.orders.manage": { owner: true, admin: true, member: true, none: false, platformAdmin: false },
  "org.ledger.view": { owner: true, admin: true, member: false, none: false, platformAdmin: true },
  "org.tandems.manage": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
  "org.calls.apply": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
  "org.documents.manage": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
  "org.events.manage": { owner: true, admin: true, member: false, none: false, platformAdmin: false },
};

describe("authorize: roles × actions", () => {
  for (const [action, expected] of Object.entries(table) as [OrgAction, (typeof table)[OrgAction]][]) {
    it(action, () => {
      expect(can(person, action, { membershipRole: "owner" })).toBe(expected.owner);
      expect(can(person, action, { membershipRole: "admin" })).toBe(expected.admin);
      expect(can(person, action, { membershipRole: "member" })).toBe(expected.member);
      expect(can(person, action, { membershipRole: null })).toBe(expected.none);
      expect(can(admin, action, { membershipRole: null })).toBe(expected.platformAdmin);
      expect(can(operator, action, { membershipRole: null })).toBe(false);
      expect(can(null, action, { membershipRole: "owner" })).toBe(false);
    });
  }
  it("platform actions belong to platform admins only", () => {
    for (const action of ["platform.verify", "platform.moderate", "platform.audit", "platform.mail", "platform.orders"] as const) {
      expect(can(admin, action)).toBe(true);
      expect(can(operator, action)).toBe(false);
      expect(can(person, action)).toBe(false);
      expect(can(null, action)).toBe(false);
    }
  });
  it("the tandems programme view is for platform admins and operators", () => {
    expect(can(admin, "platform.programme")).toBe(true);
    expect(can(operator, "platform.programme")).toBe(true);
    expect(can(person, "platform.programme", { membershipRole: "owner" })).toBe(false);
    expect(can(null, "platform.programme")).toBe(false);
  });
  it("calls for applications and the label are run by platform admins and operators", () => {
    expect(can(admin, "platform.calls")).toBe(true);
    expect(can(operator, "platform.calls")).toBe(true);
    expect(can(person, "platform.calls", { membershipRole: "owner" })).toBe(false);
    expect(can(null, "platform.calls")).toBe(false);
    expect(can(operator, "platform.events")).toBe(true);
    expect(can(person, "platform.events", { membershipRole: "owner" })).toBe(false);
  });
});
