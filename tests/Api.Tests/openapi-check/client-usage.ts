// Compiled by OpenApiDocumentTests against the client that openapi-typescript generates from the
// live document: if a route, field or type the frontends use changes shape, this stops compiling.
import type { components, paths } from "./api";

type Me = paths["/api/v1/me"]["get"]["responses"][200]["content"]["application/json"];
type Organization = components["schemas"]["OrganizationDetails"];
type CreateOrganization = paths["/api/v1/orgs"]["post"]["requestBody"]["content"]["application/json"];
type Problem = paths["/api/v1/orgs/{orgId}"]["get"]["responses"][404]["content"]["application/problem+json"];

export function firstOwnedOrganization(me: Me): string | undefined {
  const owned = me.memberships.filter((membership) => membership.role === "owner");
  return owned.length > 0 ? owned[0].orgId : undefined;
}

export const newOrganization: CreateOrganization = {
  name: "Kaffebaren i Luleå AB",
  orgNumber: "559900-1129",
  vatPeriod: "quarterly",
  fiscalYearStart: "05-01",
};

export function describe(organization: Organization): string {
  return `${organization.name} (${organization.orgNumber}), VAT ${organization.vatPeriod}`;
}

export function problemText(problem: Problem): string {
  return `${problem.status ?? 0}: ${problem.title ?? ""}`;
}

export function getOrganizationPath(orgId: paths["/api/v1/orgs/{orgId}"]["get"]["parameters"]["path"]["orgId"]): string {
  return `/api/v1/orgs/${orgId}`;
}

type PostVerification = paths["/api/v1/orgs/{orgId}/verifications"]["post"]["requestBody"]["content"]["application/json"];
type Posted = paths["/api/v1/orgs/{orgId}/verifications"]["post"]["responses"][201]["content"]["application/json"];
type Blocked = paths["/api/v1/orgs/{orgId}/verifications"]["post"]["responses"][422]["content"]["application/problem+json"];

export const officeSupplies: PostVerification = {
  date: "2026-11-02",
  description: "Kontorsmaterial",
  counterparty: "Clas Ohlson",
  lines: [
    { account: "6110", debit: "200.00", vatCode: "vat25" },
    { account: "2641", debit: 50, vatCode: "vat25" },
    { account: "1930", credit: "250.00" },
  ],
};

export function postedLabel(posted: Posted): string {
  return `${posted.series}${posted.number}`;
}

export function blockingCodes(problem: Blocked): string[] {
  return (problem.complianceResults ?? []).filter((r) => !r.passed && r.severity === "block").map((r) => r.code);
}
