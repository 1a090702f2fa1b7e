// Table types of intake: photos uploaded ahead of the form that claims them.

export interface AttachmentUploadsTable {
  attachment_id: string;
  user_id: string;
  created_at: string;
}

export interface IntakeTables {
  attachment_uploads: AttachmentUploadsTable;
}
