import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../../common/http/page.query';
import { IsIn, IsOptional } from 'class-validator';
import { REVIEW_KINDS, type ReviewKind } from '../review-requests.repository';
import type { ReviewStatus } from '../review-request.entity';

const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'approved', 'returned'];

/** The legal office's review queue of a plan: one kind of request at a time, paged on the server. */
export class ListReviewRequestsQuery extends PageQuery(20) {
  @ApiPropertyOptional({ enum: REVIEW_KINDS, default: 'extension', description: 'extension 延期申请 / completion 办结申请' })
  @IsOptional()
  @IsIn(REVIEW_KINDS, { message: 'kind 必须是 extension 或 completion' })
  kind?: ReviewKind;

  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES, { message: 'status 必须是 pending、approved 或 returned' })
  status?: ReviewStatus;
}
