import type { CantonCode, DataCategory, InstitutionType, Purpose } from '../contract/types.js';

// Shapes of the policy files; contracts/policy/*.schema.json is their exact definition.

export interface Institution {
  id: string;
  name: string;
  type: InstitutionType;
  canton: CantonCode;
  municipalities: number[];
  system: string;
  /**
   * The installation of the source system that holds this institution's persons (the
   * loader fills in the institution's own id when the file names none). Only an
   * institution of the installation that holds a person may speak for that person.
   */
  installation: string;
  settings: Record<string, unknown>;
}

export type RouteTarget = { institution: string } | { byMunicipalityOf: 'person' } | { fromEvent: true };

export interface RouteRule {
  id: string;
  on: { type: string; from?: string | string[]; to?: string | string[] };
  target: RouteTarget;
  purpose: Purpose;
}

interface RuleBase {
  id: string;
  recipients: { types?: InstitutionType[]; institutions?: string[] };
  purposes?: Purpose[];
}

export interface PermitRule extends RuleBase {
  purposes: Purpose[];
  legalBasis: string;
  permit: DataCategory[];
  consentRequiredFor?: DataCategory[];
  obligations?: string[];
}

export interface DenyRule extends RuleBase {
  deny: DataCategory[];
}

export type DisclosureRule = PermitRule | DenyRule;

export interface CategoryMapFile {
  envelope: string[];
  itemKeys?: Record<string, string[]>;
  categories: Partial<Record<DataCategory, string[]>>;
}

export function isPermit(rule: DisclosureRule): rule is PermitRule {
  return 'permit' in rule;
}
