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
