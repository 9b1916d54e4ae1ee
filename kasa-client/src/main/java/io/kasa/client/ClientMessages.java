package io.kasa.client;

/**
 * The {@code ClientMessage} catalog of {@code docs/api.md}, to compare with
 * {@link KasaException#clientMessage()} or pass to {@link KasaException#is(String)}.
 * Spellings are the wire's, including Paywall's "Cloud" for "Could".
 */
public final class ClientMessages {

    public static final String SYSTEM_SERVER_ERROR = "System.ServerError";
    public static final String SYSTEM_VALIDATION_ERROR = "System.ValidationError";
    public static final String SYSTEM_AUTH_ERROR = "System.AuthError";
    public static final String SYSTEM_RATE_LIMITED = "System.RateLimited";
    public static final String SYSTEM_RATE_LIMIT_EXCEEDED = "System.RateLimitExceeded";
    public static final String SYSTEM_UNAVAILABLE = "System.Unavailable";
    public static final String SYSTEM_NOT_FOUND = "System.NotFound";
    public static final String SYSTEM_METHOD_NOT_ALLOWED = "System.MethodNotAllowed";
    public static final String SYSTEM_PAYLOAD_TOO_LARGE = "System.PayloadTooLarge";
    public static final String SYSTEM_UNSUPPORTED_MEDIA_TYPE = "System.UnsupportedMediaType";
    /** 403: a dashboard call without its session check or outside its role. */
    public static final String SYSTEM_FORBIDDEN = "System.Forbidden";
    /** 503: Kasa's database cannot be reached; retry after {@link KasaException#retryAfter()}. */
    public static final String SYSTEM_DATABASE_UNAVAILABLE = "System.DatabaseUnavailable";
    /**
     * 503: more work waits for Kasa's database than it takes on; nothing was done, retry after
     * {@link KasaException#retryAfter()}.
     */
    public static final String SYSTEM_BUSY = "System.Busy";

    public static final String MERCHANT_NOT_FOUND = "Merchant.NotFound";
    public static final String MERCHANT_KEY_NOT_FOUND = "Merchant.Key.NotFound";

    public static final String CONNECTION_NOT_FOUND = "Connection.NotFound";
    public static final String CONNECTION_NOT_EQUAL_CONNECTION = "Connection.NotEqualConnection";
    public static final String CONNECTION_UPDATED_RECORD_NOT_FOUND = "Connection.UpdatedRecordNotFound";
    public static final String CONNECTION_DELETED_RECORD_NOT_FOUND = "Connection.DeletedRecordNotFound";
    public static final String CONNECTION_ALREADY_EXISTS = "Connection.AlreadyExists";
    public static final String CONNECTION_ALREADY_CONNECTED = "Connection.AlreadyConnected";
    public static final String CONNECTION_SERVICE_PARAMETERS_INVALID = "Connection.ServiceParametersInvalid";
    public static final String CONNECTION_NOT_CONNECTED = "Connection.NotConnected";
    public static final String CONNECTION_IS_ASYNC_PAYMENT_NOT_ACTIVE = "Connection.IsAsyncPaymentNotActive";
    public static final String CONNECTION_HAS_TERMINALS = "Connection.HasTerminals";

    public static final String TERMINAL_NOT_FOUND = "Terminal.NotFound";
    public static final String TERMINAL_FAILED_TO_GET_TERMINAL_LIST = "Terminal.FailedToGetTerminalList";
    public static final String TERMINAL_TAG_NOT_FOUND = "Terminal.Tag.NotFound";
    public static final String TERMINAL_TAG_ALREADY_EXISTS_WITH_THIS_CODE = "Terminal.Tag.AlreadyExistsWithThisCode";
    public static final String TERMINAL_TAG_DELETED_RECORD_NOT_FOUND = "Terminal.Tag.DeletedRecordNotFound";
    public static final String TERMINAL_PAIR_NOT_FOUND = "Terminal.Pair.NotFound";
    public static final String TERMINAL_ALREADY_EXISTS_WITH_THIS_SERIAL_NO = "Terminal.AlreadyExistsWithThisSerialNo";

    public static final String PAIR_SYNC_REQUEST_NOT_FOUND = "Pair.Sync.RequestNotFound";
    public static final String PAIR_SYNC_REQUEST_NOT_PENDING = "Pair.Sync.RequestNotPending";
    public static final String PAIR_SYNC_CODE_INVALID = "Pair.Sync.CodeInvalid";
    public static final String PAIR_ASYNC_CODE_EXPIRED = "Pair.Async.CodeExpired";
    public static final String PAIR_ASYNC_REQUEST_NOT_PENDING = "Pair.Async.RequestNotPending";

    public static final String PAIR_ASYNC_ABSENT_BODY_PARAM = "Pair.Async.AbsentBodyParam";
    public static final String PAIR_ASYNC_AUTHENTICATION_FAILED = "Pair.Async.AuthenticationFailed";
    public static final String PAIR_ASYNC_REQUEST_FAILED = "Pair.Async.RequestFailed";
    public static final String PAIR_ASYNC_REQUEST_NOT_FOUND = "Pair.Async.RequestNotFound";
    public static final String PAIR_ASYNC_ALREADY_PAIRED = "Pair.Async.AlreadyPaired";
    public static final String PAIR_ASYNC_CONFIRM_FAILED = "Pair.Async.ConfirmFailed";
    /** 409: the device has not entered the async pair code yet; confirm again later. */
    public static final String PAIR_ASYNC_CONFIRM_NOT_COMPLETED = "Pair.Async.ConfirmNotCompleted";

    public static final String PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE = "Payment.Async.CloudNotSendToDevice";
    public static final String PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION =
            "Payment.Async.NotConvenientStatusForThisOperation";
    public static final String PAYMENT_ASYNC_ALREADY_HAS_REFUND_OR_CANCEL = "Payment.Async.AlreadyHasRefundOrCancel";
    public static final String PAYMENT_ASYNC_MERCHANT_UNIQUE_CODE_ALREADY_EXISTS =
            "Payment.Async.MerchantUniqueCodeAlreadyExists";
    public static final String PAYMENT_REQUEST_REQUEST_NOT_FOUND = "Payment.Request.RequestNotFound";

    public static final String TRANSACTION_NOT_FOUND = "Transaction.NotFound";
    public static final String TRANSACTION_FAILED_TO_GET_TRANSACTION_LIST = "Transaction.FailedToGetTransactionList";
    public static final String CALLBACK_NOT_FOUND = "Callback.NotFound";

    private ClientMessages() {
    }
}
