package io.clarion.dispatcher.channel.email;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;
import software.amazon.awssdk.services.sesv2.model.BulkEmailStatus;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/** An in-memory SES: records requests; rejects addresses starting with "reject" unless told to answer otherwise. */
final class FakeSes implements SesV2AsyncClient {
    final List<SendEmailRequest> sendEmailCalls = new CopyOnWriteArrayList<>();
    final List<SendBulkEmailRequest> sendBulkEmailCalls = new CopyOnWriteArrayList<>();
    volatile Function<SendBulkEmailRequest, CompletableFuture<SendBulkEmailResponse>> bulkAnswer = FakeSes::perEntry;
    volatile Function<SendEmailRequest, CompletableFuture<SendEmailResponse>> singleAnswer =
            request -> CompletableFuture.completedFuture(SendEmailResponse.builder().messageId("ses-1").build());

    @Override
    public CompletableFuture<SendEmailResponse> sendEmail(SendEmailRequest request) {
        sendEmailCalls.add(request);
        return singleAnswer.apply(request);
    }

    @Override
    public CompletableFuture<SendBulkEmailResponse> sendBulkEmail(SendBulkEmailRequest request) {
        sendBulkEmailCalls.add(request);
        return bulkAnswer.apply(request);
    }

    static CompletableFuture<SendBulkEmailResponse> perEntry(SendBulkEmailRequest request) {
        List<BulkEmailEntryResult> results = request.bulkEmailEntries().stream().map(FakeSes::result).toList();
        return CompletableFuture.completedFuture(SendBulkEmailResponse.builder().bulkEmailEntryResults(results).build());
    }

    private static BulkEmailEntryResult result(BulkEmailEntry entry) {
        boolean reject = entry.destination().toAddresses().get(0).startsWith("reject");
        return BulkEmailEntryResult.builder()
                .status(reject ? BulkEmailStatus.MESSAGE_REJECTED : BulkEmailStatus.SUCCESS)
                .messageId(reject ? null : "ses-bulk").build();
    }

    @Override
    public String serviceName() {
        return "ses";
    }

    @Override
    public void close() {
    }
}
