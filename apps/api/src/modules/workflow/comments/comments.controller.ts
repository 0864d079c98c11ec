import { Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  commentMentionViewSchema,
  createItemCommentSchema,
  itemCommentViewSchema,
  mentionCandidatesQuerySchema,
  type CommentMentionView,
  type CreateItemCommentRequest,
  type ItemCommentView,
  type MentionCandidatesQuery,
} from '@thidua/contracts';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from '../../../common/auth/access.decorators';
import type { Principal } from '../../../common/auth/principal';
import { Returns } from '../../../common/openapi/returns.decorator';
import { ZodBody, ZodQuery } from '../../../common/validation/zod-validation';
import { CommentsService } from './comments.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Returns(z.array(itemCommentViewSchema))
  @Get(':id/comments')
  @Authenticated()
  @ApiOperation({ summary: 'Comments on an item, oldest first (whoever reads the item)' })
  list(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ItemCommentView[]> {
    return this.comments.list(p, id);
  }

  @Returns(itemCommentViewSchema)
  @Post(':id/comments')
  @Authenticated()
  @ApiOperation({ summary: 'Comment on an item; @username and mentionUserIds notify people who read it (422 MENTION_NOT_ALLOWED for anyone else)' })
  create(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodBody(createItemCommentSchema) body: CreateItemCommentRequest): Promise<ItemCommentView> {
    return this.comments.create(p, id, body);
  }

  @Returns(z.array(commentMentionViewSchema))
  @Get(':id/mention-candidates')
  @Authenticated()
  @ApiOperation({ summary: 'People who read the item, by name or username (at most 10): whom a comment may mention' })
  candidates(@CurrentPrincipal() p: Principal, @Param('id', new ParseUUIDPipe()) id: string, @ZodQuery(mentionCandidatesQuerySchema) q: MentionCandidatesQuery): Promise<CommentMentionView[]> {
    return this.comments.candidates(p, id, q.q);
  }
}
