import { Injectable } from '@nestjs/common';
import type { DocumentSeries, DocumentType } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { defaultAbbreviation, documentSymbol, symbolSuffix, vietnamDate } from './document-symbol';
import { DocumentsRepository } from './documents.repository';

export interface AllocatedNumber {
  /** The unit whose register gave the number (the survivor when the requested issuer was merged). */
  issuerUnitId: string;
  number: number;
  year: number;
  /** `05/QĐ-LĐLĐ` */
  symbol: string;
  signedOn: string;
}

export interface IssuerInfo {
  abbreviation: string;
  councilAbbreviation: string;
  parentBodyName: string;
  issuingBodyName: string;
  place: string;
  recipientOptions?: string[];
}

/**
 * The numbering register (decree 30/2020): per issuing unit, per calendar year (Vietnam time), per
 * series. Call `allocate` inside the transaction that signs; the runtime's
 * `allocate_document_number` effect should call it too, so there is one register.
 */
@Injectable()
export class DocumentNumberingService {
  constructor(private readonly repo: DocumentsRepository) {}

  async allocate(
    manager: EntityManager,
    input: { issuerUnitId: string; docType: DocumentType | null; series?: DocumentSeries; department?: string | null; signedOn?: string; now?: Date },
  ): Promise<AllocatedNumber> {
    // A merged unit no longer issues: its survivor does, in the survivor's own register.
    const issuerUnitId = await this.repo.survivingIssuerId(manager, input.issuerUnitId);
    const issuer = await this.issuer(manager, issuerUnitId);
    const signedOn = input.signedOn ?? vietnamDate(input.now ?? new Date());
    const year = Number(signedOn.slice(0, 4));
    const series = input.series ?? 'main';
    // The counter row is locked from here to commit: the date check below sees every earlier signing.
    const number = await this.repo.nextNumber(manager, issuerUnitId, year, series);
    const latest = await this.repo.latestSignedOn(manager, issuerUnitId, year, series);
    const today = vietnamDate(input.now ?? new Date());
    if ((latest !== null && signedOn < latest) || signedOn > today) {
      throw new AppError('DOCUMENT_DATE_OUT_OF_ORDER', { params: { signedOn, latest: latest ?? today }, details: { signedOn, latestSignedOn: latest, today } });
    }
    const abbreviation = series === 'council' ? issuer.councilAbbreviation : issuer.abbreviation;
    return { issuerUnitId, number, year, signedOn, symbol: documentSymbol(number, input.docType, abbreviation, input.department) };
  }

  /** Records that numbers up to `last` were already given outside this system (a register taken over mid-year). */
  async startAfter(manager: EntityManager, issuerUnitId: string, year: number, series: DocumentSeries, last: number): Promise<void> {
    await this.repo.startAfter(manager, issuerUnitId, year, series, last);
  }

  async saveIssuerProfile(manager: EntityManager, unitId: string, p: IssuerInfo): Promise<void> {
    await this.repo.saveProfile(manager, { unitId, ...p, recipientOptions: p.recipientOptions ?? [], updatedAt: new Date() });
  }

  async suffix(issuerUnitId: string, docType: DocumentType | null, series: DocumentSeries, department: string | null): Promise<string> {
    const issuer = await this.issuer(null, issuerUnitId);
    return symbolSuffix(docType, series === 'council' ? issuer.councilAbbreviation : issuer.abbreviation, department);
  }

  /** The issuer's profile, or one derived from the unit (kind, name, parent's name). */
  async issuer(manager: EntityManager | null, unitId: string): Promise<IssuerInfo> {
    const profile = await this.repo.profile(manager, unitId);
    if (profile) return profile;
    const unit = await this.repo.unit(manager, unitId);
    if (!unit) throw AppError.notFound('unit');
    return {
      abbreviation: defaultAbbreviation(unit.kind, unit.code, unit.name),
      councilAbbreviation: 'HĐTĐKT',
      parentBodyName: unit.parentName ?? '',
      issuingBodyName: unit.name,
      place: '',
      recipientOptions: [],
    };
  }
}
