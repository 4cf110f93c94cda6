import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** A correction of one misread work point; only the fields sent change. */
export class UpdatePlanItemDto {
  @ApiPropertyOptional({ description: '要点编号' })
  @IsOptional() @IsInt({ message: 'number: 必须是整数' }) @Min(1, { message: 'number: 必须大于 0' }) @Max(100000, { message: 'number: 过大' })
  number?: number;

  @ApiPropertyOptional({ description: '编号的原样写法，如「1.」「（一）」' })
  @IsOptional() @IsString() @IsNotEmpty({ message: 'label: 不能为空' }) @MaxLength(16, { message: 'label: 最多 16 个字符' })
  label?: string;

  @ApiPropertyOptional({ description: '要点标题' })
  @IsOptional() @IsString() @IsNotEmpty({ message: 'title: 不能为空' }) @MaxLength(500, { message: 'title: 最多 500 个字符' })
  title?: string;

  @ApiPropertyOptional({ description: '要点全文' })
  @IsOptional() @IsString() @IsNotEmpty({ message: 'body: 不能为空' }) @MaxLength(20000, { message: 'body: 最多 20000 个字符' })
  body?: string;

  @ApiPropertyOptional({ description: '移到的章节 id' })
  @IsOptional() @IsUUID('all', { message: 'sectionId: 必须是有效的 ID' })
  sectionId?: string;
}

export class SplitPartDto {
  @ApiProperty() @IsInt({ message: 'number: 必须是整数' }) @Min(1, { message: 'number: 必须大于 0' }) @Max(100000, { message: 'number: 过大' })
  number: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty({ message: 'label: 不能为空' }) @MaxLength(16, { message: 'label: 最多 16 个字符' })
  label?: string;

  @ApiPropertyOptional({ description: '不填则取正文第一个句号前的文字' })
  @IsOptional() @IsString() @IsNotEmpty({ message: 'title: 不能为空' }) @MaxLength(500, { message: 'title: 最多 500 个字符' })
  title?: string;

  @ApiProperty() @IsString() @IsNotEmpty({ message: 'body: 不能为空' }) @MaxLength(20000, { message: 'body: 最多 20000 个字符' })
  body: string;
}

/** One misread item that is really several: the first part keeps the item (and its tasks). */
export class SplitPlanItemDto {
  @ApiProperty({ type: [SplitPartDto] })
  @IsArray({ message: 'parts: 必须是数组' })
  @ArrayMinSize(2, { message: 'parts: 至少拆成两项' })
  @ArrayMaxSize(50, { message: 'parts: 最多拆成 50 项' })
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SplitPartDto)
  parts: SplitPartDto[];
}

/** Several items that are really one: merged into the first in document order, tasks moved onto it. */
export class MergePlanItemsDto {
  @ApiProperty({ type: [String] })
  @IsArray({ message: 'itemIds: 必须是数组' })
  @ArrayMinSize(2, { message: 'itemIds: 至少选择两项' })
  @ArrayMaxSize(50, { message: 'itemIds: 最多合并 50 项' })
  @IsUUID('all', { each: true, message: 'itemIds: 必须是有效的 ID' })
  itemIds: string[];
}

export class ArchivePlanDto {
  @ApiPropertyOptional({ description: '归档原因' })
  @IsOptional() @IsString() @MaxLength(2000, { message: 'reason: 最多 2000 个字符' })
  reason?: string;
}
