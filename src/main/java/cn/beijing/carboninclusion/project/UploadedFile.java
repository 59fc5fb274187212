package cn.beijing.carboninclusion.project;

/** A document as received from the API, before it is stored. */
public record UploadedFile(String field, String filename, String contentType, byte[] content) {}
