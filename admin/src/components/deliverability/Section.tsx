/*
 * A titled white card holding one part of the Deliverability page (stacked content, not a form grid).
 * Layout only.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import * as React from 'react';

export const Section = ({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="delta" tag="h2">{title}</Typography>
        {description && <Typography variant="pi" textColor="neutral600">{description}</Typography>}
      </Flex>
      {children}
    </Flex>
  </Box>
);
