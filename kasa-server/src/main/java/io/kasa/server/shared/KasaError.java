package io.kasa.server.shared;

/**
 * The error catalog: every refusal Kasa can answer with. Each constant carries the
 * {@code ClientMessage} clients map on, a numeric {@code ErrorCode} unique in the catalog,
 * the HTTP status that goes with it, and its message in both languages. The Paywall
 * constants keep Paywall's spelling, "Cloud" included.
 */
public enum KasaError {
    SERVER_ERROR("System.ServerError", 1000, 500,
            "Beklenmeyen bir hata oluştu", "An unexpected error occurred"),
    VALIDATION_ERROR("System.ValidationError", 1001, 400,
            "Doğrulama hatası", "Validation error"),
    AUTH_ERROR("System.AuthError", 1002, 401,
            "Yetkilendirme hatası", "Authorisation error"),
    RATE_LIMITED("System.RateLimited", 1003, 429,
            "Çok fazla istek; lütfen daha sonra tekrar deneyin", "Too many requests; please retry later"),
    UNAVAILABLE("System.Unavailable", 1004, 503,
            "Servis geçici olarak kullanılamıyor", "The service is temporarily unavailable"),
    NOT_FOUND("System.NotFound", 1005, 404,
            "İstenen adres bulunamadı", "No such endpoint"),
    METHOD_NOT_ALLOWED("System.MethodNotAllowed", 1006, 405,
            "Bu adres bu HTTP yöntemini desteklemiyor", "This endpoint does not support this HTTP method"),
    PAYLOAD_TOO_LARGE("System.PayloadTooLarge", 1007, 413,
            "İstek gövdesi çok büyük", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("System.UnsupportedMediaType", 1008, 415,
            "İstek gövdesi JSON olmalıdır", "The request body must be JSON"),

    MERCHANT_NOT_FOUND("Merchant.NotFound", 1101, 404,
            "Üye işyeri bulunamadı", "Merchant not found"),
    MERCHANT_KEY_NOT_FOUND("Merchant.Key.NotFound", 1102, 404,
            "Anahtar bulunamadı", "Key not found"),

    CONNECTION_NOT_FOUND("Connection.NotFound", 2001, 404,
            "Bağlantı bulunamadı", "Connection not found"),
    CONNECTION_NOT_EQUAL_CONNECTION("Connection.NotEqualConnection", 2002, 422,
            "Bağlantı aktif değil", "The connection is not active"),
    CONNECTION_UPDATED_RECORD_NOT_FOUND("Connection.UpdatedRecordNotFound", 2003, 404,
            "Güncellenecek bağlantı bulunamadı", "The connection to update was not found"),
    CONNECTION_DELETED_RECORD_NOT_FOUND("Connection.DeletedRecordNotFound", 2004, 404,
            "Silinecek bağlantı bulunamadı", "The connection to delete was not found"),
    CONNECTION_ALREADY_EXISTS("Connection.AlreadyExists", 2005, 409,
            "Bu isimde bir bağlantı zaten var", "A connection with this name already exists"),
    CONNECTION_ALREADY_CONNECTED("Connection.AlreadyConnected", 2006, 409,
            "Bağlantı zaten bağlı", "The connection is already connected"),
    CONNECTION_SERVICE_PARAMETERS_INVALID("Connection.ServiceParametersInvalid", 2007, 400,
            "Servis parametreleri geçersiz", "The service parameters are invalid"),
    CONNECTION_NOT_CONNECTED("Connection.NotConnected", 2008, 422,
            "Bağlantı bağlı değil", "The connection is not connected"),
    CONNECTION_ASYNC_PAYMENT_NOT_ACTIVE("Connection.IsAsyncPaymentNotActive", 2009, 422,
            "Bağlantıda asenkron ödeme aktif değil", "Async payment is not active on the connection"),
    CONNECTION_HAS_TERMINALS("Connection.HasTerminals", 2010, 409,
            "Bağlantıya kayıtlı terminaller var", "Terminals still use this connection"),

    TERMINAL_NOT_FOUND("Terminal.NotFound", 3001, 404,
            "Terminal bulunamadı", "Terminal not found"),
    TERMINAL_FAILED_TO_GET_TERMINAL_LIST("Terminal.FailedToGetTerminalList", 3002, 503,
            "Terminal listesi alınamadı", "The terminal list could not be fetched"),
    TERMINAL_TAG_NOT_FOUND("Terminal.Tag.NotFound", 3003, 404,
            "Terminal etiketi bulunamadı", "Terminal tag not found"),
    TERMINAL_TAG_ALREADY_EXISTS_WITH_THIS_CODE("Terminal.Tag.AlreadyExistsWithThisCode", 3004, 409,
            "Bu kodla bir etiket zaten var", "A tag with this code already exists"),
    TERMINAL_TAG_DELETED_RECORD_NOT_FOUND("Terminal.Tag.DeletedRecordNotFound", 3005, 404,
            "Silinecek etiket bulunamadı", "The tag to delete was not found"),
    TERMINAL_PAIR_NOT_FOUND("Terminal.Pair.NotFound", 3006, 404,
            "Terminal eşleşmesi bulunamadı", "The terminal is not paired"),
    TERMINAL_SERIAL_NO_EXISTS("Terminal.AlreadyExistsWithThisSerialNo", 3007, 409,
            "Bu seri numarasıyla bir terminal zaten var", "A terminal with this serial number already exists"),

    PAIR_REQUEST_NOT_FOUND("Pair.Sync.RequestNotFound", 4001, 404,
            "Eşleşme isteği bulunamadı", "Pair request not found"),
    PAIR_REQUEST_NOT_PENDING("Pair.Sync.RequestNotPending", 4002, 409,
            "Eşleşme isteği artık beklemede değil", "The pair request is no longer pending"),
    PAIR_CODE_INVALID("Pair.Sync.CodeInvalid", 4003, 422,
            "Eşleşme kodu geçersiz, süresi dolmuş veya kullanılmış", "The pair code is unknown, expired or already used"),

    PAYMENT_CLOUD_NOT_SEND_TO_DEVICE("Payment.Async.CloudNotSendToDevice", 5001, 422,
            "Ödeme cihaza iletilemedi", "The payment could not be sent to the device"),
    PAYMENT_NOT_CONVENIENT_STATUS("Payment.Async.NotConvenientStatusForThisOperation", 5002, 422,
            "Ödemenin durumu bu işlem için uygun değil", "The payment's status does not allow this operation"),
    PAYMENT_ALREADY_HAS_REFUND_OR_CANCEL("Payment.Async.AlreadyHasRefundOrCancel", 5003, 409,
            "Ödemenin zaten bir iadesi veya iptali var", "The payment already has a refund or cancel"),
    PAYMENT_MERCHANT_UNIQUE_CODE_EXISTS("Payment.Async.MerchantUniqueCodeAlreadyExists", 5004, 409,
            "Bu MerchantUniqueCode farklı bir istekle zaten kullanıldı", "This MerchantUniqueCode was already used with a different request"),
    PAYMENT_REQUEST_NOT_FOUND("Payment.Request.RequestNotFound", 5005, 404,
            "Ödeme isteği bulunamadı", "Payment request not found"),

    CALLBACK_NOT_FOUND("Callback.NotFound", 6001, 404,
            "Geri bildirim bulunamadı", "Callback not found");

    private final String clientMessage;
    private final int code;
    private final int httpStatus;
    private final LocalizedText text;

    KasaError(String clientMessage, int code, int httpStatus, String tr, String en) {
        this.clientMessage = clientMessage;
        this.code = code;
        this.httpStatus = httpStatus;
        this.text = new LocalizedText(tr, en);
    }

    public String clientMessage() {
        return clientMessage;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public LocalizedText text() {
        return text;
    }
}
