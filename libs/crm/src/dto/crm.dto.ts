import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEmail,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PaginationQueryDto } from '@app/core';
import { CUSTOMER_TYPES, type CustomerType } from '../crm-customer.entity';
import { DISPOSITIONS, type Disposition } from '../crm-opportunity.entity';

export class CreateCustomerDto {
  @ApiProperty()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiProperty({ enum: CUSTOMER_TYPES })
  @IsIn(CUSTOMER_TYPES)
  customerType: CustomerType;

  @ApiProperty({ description: 'Its id in the CRM; imports upsert by it' })
  @IsString()
  @Length(1, 200)
  externalId: string;

  @ApiPropertyOptional({ type: [String], example: ['+1 555 010 4567'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(3, 40, { each: true })
  phoneNumbers?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'emailAddresses must be e-mail addresses' })
  emailAddresses?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true },
    { message: 'crmUrl must be an http(s) URL' },
  )
  @Length(1, 2000)
  crmUrl?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  integrationName?: string;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}

export class ListCustomersQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Name contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class CreateOpportunityDto {
  @ApiProperty()
  @Matches(/^crm_[0-9A-Z]{26}$/, { message: 'customerId must be a CRM customer id (crm_...)' })
  customerId: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  externalId: string;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  amount?: number;

  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'closedAt must be an ISO 8601 date-time' })
  closedAt?: Date;
}

export class UpdateOpportunityDto extends PartialType(CreateOpportunityDto) {}

export class ListOpportunitiesQuery extends PaginationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^crm_[0-9A-Z]{26}$/, { message: 'customerId must be a CRM customer id (crm_...)' })
  customerId?: string;
}
