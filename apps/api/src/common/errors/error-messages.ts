import type { ErrorCode, Language } from '@thidua/contracts';

/**
 * The user-facing message of every error code, in Vietnamese (default) and English.
 * Typed as a complete record: adding a code to contracts without a message fails the build.
 */
export const ERROR_MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ ({count} trường có lỗi).', en: 'Invalid input ({count} field(s) with errors).' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'Bad request.' },
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  TOKEN_EXPIRED: { vi: 'Phiên đăng nhập đã hết hạn.', en: 'Your session has expired.' },
  ACCOUNT_LOCKED: { vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {minutes} phút.', en: 'Account locked after repeated failed sign-ins. Try again in {minutes} minute(s).' },
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.', en: 'Too many requests. Please retry in {seconds} seconds.' },
  INVALID_TEXT: { vi: 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode hỏng).', en: 'The request contains invalid text (a NUL character or broken Unicode).' },
  FILE_MALFORMED: { vi: 'Tệp bị hỏng hoặc không đúng định dạng.', en: 'The file is damaged or not in the expected format.' },
  FILE_TYPE_MISMATCH: { vi: 'Nội dung tệp không khớp loại tệp cho phép hoặc phần mở rộng của tên tệp.', en: 'The file content does not match an allowed type or its file name extension.' },
  FILE_INFECTED: { vi: 'Tệp bị chương trình diệt virus chặn và đã được cách ly.', en: 'The file was blocked by the virus scanner and quarantined.' },
  CSRF_REJECTED: { vi: 'Yêu cầu bị từ chối do thiếu mã chống giả mạo (CSRF). Hãy tải lại trang.', en: 'Request refused: missing or wrong anti-forgery (CSRF) token. Reload the page.' },
  WEAK_PASSWORD: { vi: 'Mật khẩu chưa đủ mạnh.', en: 'The password is not strong enough.' },
  TOO_MANY_ATTEMPTS: { vi: 'Quá nhiều lần thử. Vui lòng thử lại sau.', en: 'Too many attempts. Please try again later.' },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { vi: 'Không tìm thấy {entity}.', en: '{entity} not found.' },
  CONFLICT: { vi: 'Thao tác xung đột với trạng thái hiện tại.', en: 'This conflicts with the current state.' },
  VERSION_CONFLICT: { vi: 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại.', en: 'Someone else has just changed this record. Please reload.' },
  ALREADY_EXISTS: { vi: '{entity} đã tồn tại.', en: '{entity} already exists.' },
  IDEMPOTENCY_KEY_REUSED: { vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.', en: 'This Idempotency-Key was already used for a different request.' },
  UNPROCESSABLE: { vi: 'Không thể xử lý yêu cầu.', en: 'The request cannot be processed.' },
  PAYLOAD_TOO_LARGE: { vi: 'Tệp quá lớn (tối đa {max}).', en: 'File too large (at most {max}).' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Loại tệp không được hỗ trợ.', en: 'Unsupported file type.' },
  UNIT_HAS_OPEN_WORK: { vi: 'Đơn vị còn công việc hoặc người dùng đang hoạt động; hãy chỉ định nơi chuyển đến.', en: 'The unit still has open work or people; say where they go.' },
  UNIT_CYCLE: { vi: 'Không thể chuyển đơn vị vào chính cây con của nó.', en: 'A unit cannot be moved under its own subtree.' },
  IMPORT_INVALID: { vi: 'Tệp nhập có {count} dòng lỗi; chưa nhập dòng nào.', en: 'The file has {count} bad row(s); nothing was imported.' },
  DEFINITION_INVALID: { vi: 'Định nghĩa quy trình có {count} lỗi.', en: 'The workflow definition has {count} problem(s).' },
  DEFINITION_NOT_PUBLISHED: { vi: 'Quy trình chưa được ban hành.', en: 'The workflow is not published.' },
  TRANSITION_REFUSED: { vi: 'Không thể thực hiện thao tác ở bước này: {reason}', en: 'This action is not allowed at this stage: {reason}' },
  ITEM_FINAL: { vi: 'Hồ sơ đã kết thúc, không thể thao tác thêm.', en: 'The item is closed; no further action is possible.' },
  ITEM_CLAIMED: { vi: 'Hồ sơ đang do {holder} xử lý.', en: 'The item is being handled by {holder}.' },
  COMMENT_REQUIRED: { vi: 'Cần ghi rõ lý do.', en: 'A reason is required.' },
  COLLECTION_CLOSED: { vi: 'Đợt thu thập đã đóng; không thể sửa đổi.', en: 'The collection is closed; amendments are no longer accepted.' },
  QUOTA_EXCEEDED: { vi: 'Vượt chỉ tiêu: tối đa {limit} đề nghị {form} cho đơn vị này.', en: 'Quota exceeded: at most {limit} nominations of {form} for this unit.' },
  ITEM_SUSPENDED: { vi: 'Hồ sơ đang tạm dừng; cần tiếp tục trước khi thao tác.', en: 'The item is suspended; resume it before acting on it.' },
  DEFINITION_IMMUTABLE: { vi: 'Phiên bản quy trình đã ban hành không thể sửa; hãy tạo bản nháp mới.', en: 'A published workflow version cannot be changed; create a new draft.' },
  VOTE_CLOSED: { vi: 'Phiên bỏ phiếu đã kết thúc.', en: 'The ballot is closed.' },
  ALREADY_VOTED: { vi: 'Bạn đã bỏ phiếu.', en: 'You have already voted.' },
  SERVICE_UNAVAILABLE: { vi: 'Dịch vụ tạm thời không sẵn sàng.', en: 'The service is temporarily unavailable.' },
  INTERNAL: { vi: 'Lỗi hệ thống. Mã yêu cầu: {requestId}.', en: 'Internal error. Request id: {requestId}.' },
};

/** Field-level validation reasons, localised. */
export const FIELD_REASON_MESSAGES: Record<string, Record<Language, string>> = {
  required: { vi: 'Bắt buộc nhập.', en: 'Required.' },
  invalid_type: { vi: 'Sai kiểu dữ liệu.', en: 'Wrong type.' },
  too_small: { vi: 'Giá trị quá nhỏ hoặc quá ngắn.', en: 'Too small or too short.' },
  too_big: { vi: 'Giá trị quá lớn hoặc quá dài.', en: 'Too large or too long.' },
  invalid_format: { vi: 'Sai định dạng.', en: 'Invalid format.' },
  invalid_value: { vi: 'Giá trị không được chấp nhận.', en: 'Value not allowed.' },
  unrecognized_keys: { vi: 'Trường không được phép.', en: 'Unknown field.' },
  invalid: { vi: 'Không hợp lệ.', en: 'Invalid.' },
  invalid_text: { vi: 'Chứa ký tự không hợp lệ (NUL hoặc mã Unicode hỏng).', en: 'Contains invalid characters (NUL or broken Unicode).' },
  password_too_short: { vi: 'Mật khẩu phải có ít nhất 12 ký tự.', en: 'The password must be at least 12 characters long.' },
  password_common: {
    vi: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. Hãy chọn mật khẩu khác.',
    en: 'This password is on the list of common passwords and easy to guess. Choose another.',
  },
  password_weak: {
    vi: 'Mật khẩu quá dễ đoán (lặp ký tự, dãy phím, từ thông dụng hoặc tên của bạn). Hãy dùng một cụm nhiều từ hoặc thêm ký tự ngẫu nhiên.',
    en: 'The password is too easy to guess (repeats, keyboard runs, common words or your name). Use a passphrase or add random characters.',
  },
};
